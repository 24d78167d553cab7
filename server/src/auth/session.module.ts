import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SessionRevocations } from '../common/auth/session-revocations';
import { RefreshToken } from './refresh-token.entity';
import { SessionJobs } from './session.jobs';
import { SessionService } from './session.service';

/** Global: every module that signs someone in (auth, staff) starts sessions here; the auth guard asks it about revocations. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([RefreshToken])],
  providers: [SessionService, SessionJobs, { provide: SessionRevocations, useExisting: SessionService }],
  exports: [SessionService, SessionRevocations],
})
export class SessionModule {}
