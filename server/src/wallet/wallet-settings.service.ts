import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { WalletSettingsView } from '@mall/shared';
import { insertIgnore } from '../database/insert-ignore';
import { WalletSetting } from './wallet-setting.entity';
import { ConfigCache } from '../common/cache/config-cache';

const WALLET_SETTINGS_KEY = 'settings:wallet';

@Injectable()
export class WalletSettingsService {
  constructor(
    @InjectRepository(WalletSetting) private readonly settings: Repository<WalletSetting>,
    private readonly cache: ConfigCache,
  ) {}

  /** Wallet settings, cached (ConfigCache). */
  get(): Promise<WalletSetting> {
    return this.cache.get(WALLET_SETTINGS_KEY, async () => {
      const found = await this.settings.findOneBy({ id: 1 });
      if (found) return found;
      await insertIgnore(this.settings.manager, WalletSetting, { id: 1 });
      return this.settings.findOneByOrFail({ id: 1 });
    });
  }

  async update(changes: Partial<WalletSettingsView>): Promise<WalletSetting> {
    await this.get();
    await this.settings.update({ id: 1 }, changes);
    this.cache.invalidate(WALLET_SETTINGS_KEY);
    return this.get();
  }
}

export function toSettingsView(s: WalletSetting): WalletSettingsView {
  return {
    spendRule: s.spendRule,
    pinRequiredFromFen: s.pinRequiredFromFen,
    customEnabled: s.customEnabled,
    customMinFen: s.customMinFen,
    customMaxFen: s.customMaxFen,
    customBonusRateBps: s.customBonusRateBps,
  };
}
