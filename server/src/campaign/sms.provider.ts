import { Injectable, Logger } from '@nestjs/common';

/** Sends one text message; the production provider (Aliyun, Tencent Cloud …) implements this. */
export interface SmsProvider {
  send(phone: string, text: string): Promise<{ messageId: string }>;
}

export const SMS_PROVIDER = Symbol('SMS_PROVIDER');

/** The demo and test provider: keeps what it was asked to send in memory; logs never hold the number or text. */
@Injectable()
export class SimulatedSmsProvider implements SmsProvider {
  private readonly logger = new Logger('SmsSimulator');
  readonly sent: { phone: string; text: string; messageId: string }[] = [];

  async send(phone: string, text: string): Promise<{ messageId: string }> {
    const messageId = `sim-${this.sent.length + 1}`;
    this.sent.push({ phone, text, messageId });
    if (this.sent.length > 1000) this.sent.shift();
    this.logger.debug({ msg: 'sms sent', messageId, length: text.length });
    return { messageId };
  }
}
