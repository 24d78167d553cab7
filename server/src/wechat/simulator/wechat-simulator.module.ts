import { Module } from '@nestjs/common';
import { SimulatorState } from './simulator-state';
import { WechatSimulatorController } from './wechat-simulator.controller';

/** Mounted only when WECHAT_MODE=simulator (never in production: config refuses it). */
@Module({ controllers: [WechatSimulatorController], providers: [SimulatorState], exports: [SimulatorState] })
export class WechatSimulatorModule {}
