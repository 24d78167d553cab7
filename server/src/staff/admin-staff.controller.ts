import { Controller, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuditService } from '../audit/audit.service';
import { CurrentAccount, Roles } from '../common/auth/auth.decorators';
import type { AccountPrincipal } from '../common/auth/principal';
import { StaffAuthService } from './staff-auth.service';

/** Ops side of staff mode: invitation codes that link a store account to its WeChat. */
@ApiTags('admin: staff')
@ApiBearerAuth()
@Controller('api/admin')
export class AdminStaffController {
  constructor(
    private readonly staffAuth: StaffAuthService,
    private readonly audit: AuditService,
  ) {}

  /** A one-time code (7 days) the staff member enters in the mini-program to link their WeChat. */
  @Post('accounts/:id/invites')
  @Roles('admin')
  async invite(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number) {
    const invite = await this.staffAuth.createInvite(id);
    await this.audit.record(caller, 'staff.invite', { type: 'account', id }, { expiresAt: invite.expiresAt });
    return invite;
  }
}
