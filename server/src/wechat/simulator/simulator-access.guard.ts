import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AppError } from '../../common/errors/app-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (::ffff:127.0.0.1). */
export function isLoopback(ip: string | undefined): boolean {
  if (!ip) return false;
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/**
 * The simulator fakes WeChat logins and marks payments paid, so only this machine may call it:
 * the server's own WeChat client (it calls its /__wechat over 127.0.0.1), the H5 demo opened on
 * this machine, and tests. The caller is req.ip, i.e. after TRUST_PROXY: a remote client behind a
 * local reverse proxy is remote. WECHAT_SIMULATOR_OPEN=true lets everyone in (e.g. a phone on the LAN).
 */
@Injectable()
export class SimulatorAccessGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.config.wechat.simulatorOpen) return true;
    if (isLoopback(context.switchToHttp().getRequest<Request>().ip)) return true;
    throw AppError.forbidden('微信模拟器只接受本机访问');
  }
}
