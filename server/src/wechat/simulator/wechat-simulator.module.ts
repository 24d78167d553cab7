import { Module } from '@nestjs/common';
import { NotifySender } from './pay/notify-sender';
import { PaySimulatorController } from './pay/pay-simulator.controller';
import { PaySimulatorService } from './pay/pay-simulator.service';
import { PaySimulatorState } from './pay/pay-simulator.state';
import { SimulatorState } from './simulator-state';
import { WechatSimulatorController } from './wechat-simulator.controller';
import { WecomSimulatorController } from './wecom/wecom-simulator.controller';
import { WecomSimulatorState } from './wecom/wecom-simulator.state';

/** Mounted only when WECHAT_MODE=simulator (never in production: config refuses it). */
@Module({
  controllers: [WechatSimulatorController, PaySimulatorController, WecomSimulatorController],
  providers: [SimulatorState, PaySimulatorState, PaySimulatorService, NotifySender, WecomSimulatorState],
  exports: [SimulatorState, PaySimulatorState],
})
export class WechatSimulatorModule {}
