import { Module } from '@nestjs/common';
import { NotifySender } from './pay/notify-sender';
import { PaySimulatorController } from './pay/pay-simulator.controller';
import { PaySimulatorService } from './pay/pay-simulator.service';
import { PaySimulatorState } from './pay/pay-simulator.state';
import { SimulatorState } from './simulator-state';
import { WechatSimulatorController } from './wechat-simulator.controller';

/** Mounted only when WECHAT_MODE=simulator (never in production: config refuses it). */
@Module({
  controllers: [WechatSimulatorController, PaySimulatorController],
  providers: [SimulatorState, PaySimulatorState, PaySimulatorService, NotifySender],
  exports: [SimulatorState, PaySimulatorState],
})
export class WechatSimulatorModule {}
