import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import type { HealthResponse } from '@mall/shared';
import { Public } from '../common/auth/auth.decorators';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ReadReplica } from '../database/read-replica';

@ApiTags('health')
@Public()
@Controller('api/health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly replica: ReadReplica,
  ) {}

  @Get()
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    let database: HealthResponse['database'] = 'up';
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      database = 'down';
      res.status(503);
    }
    const replica = this.replica.status();
    return {
      status: database === 'up' ? 'ok' : 'degraded',
      database,
      databaseType: this.config.database.type,
      wechatMode: this.config.wechat.mode,
      uptimeSeconds: Math.round(process.uptime()),
      ...(replica.configured ? { replica: { serving: replica.serving, lagSeconds: replica.lagSeconds, reason: replica.reason } } : {}),
    };
  }
}
