import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountService } from '../account/account.service';
import { Account } from '../account/account.entity';
import { Product } from '../catalog/product.entity';
import { Store } from '../store/store.entity';
import { Tier } from '../tier/tier.entity';
import { RechargePlan } from '../wallet/recharge-plan.entity';
import { PointsMallItem } from '../points/points-mall.entity';
import { Category } from '../catalog/category.entity';
import { BenefitAttachment } from '../benefit/benefit-attachment.entity';
import { BenefitVersion } from '../benefit/benefit-version.entity';
import { Benefit } from '../benefit/benefit.entity';
import type { BenefitSpec } from '@mall/shared';
import { MembershipPlan } from '../membership/membership.entity';
import { Sku } from '../catalog/sku.entity';
import { CouponTemplate } from '../coupon/coupon-template.entity';
import { StockService } from '../catalog/stock.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { NotificationSceneConfig } from '../notification/notification.entity';
import { simTemplateId } from '../wechat/simulator/sim-templates';
import { DEMO_STAFF_SIM_USER, NOTIFICATION_SCENE_KEYS } from '@mall/shared';
import { simulatedOpenid } from '../wechat/simulator/simulator-state';
import { ConfigCache } from '../common/cache/config-cache';

export const DEMO_STAFF_PASSWORD = 'staff12345';

const DEMO_TIERS: Pick<Tier, 'level' | 'name' | 'growthThreshold' | 'color' | 'description'>[] = [
  { level: 0, name: '普通会员', growthThreshold: 0, color: '#8C8C8C', description: '注册即享会员价与积分' },
  { level: 1, name: '银卡会员', growthThreshold: 500, color: '#A7B1C2', description: '95 折会员价，积分 1.2 倍' },
  { level: 2, name: '金卡会员', growthThreshold: 2000, color: '#C8A063', description: '9 折会员价，积分 1.5 倍，每月券包' },
  { level: 3, name: '黑金会员', growthThreshold: 8000, color: '#1F1F1F', description: '85 折会员价，积分 2 倍，专属社群' },
];

const DEMO_PRODUCTS: Pick<Product, 'name' | 'subtitle' | 'imageUrl' | 'detail' | 'priceFen' | 'memberPriceFen' | 'stock' | 'sortOrder'>[] = [
  {
    name: '冷萃挂耳咖啡 · 10 包',
    subtitle: '云南保山小粒，中深烘',
    imageUrl: '/static/products/coffee.svg',
    detail:
      '选用云南保山海拔 1200 米以上的小粒咖啡豆，中深烘焙，带坚果与黑巧克力的香气，酸度柔和。\n\n规格：每包 12g，共 10 包。\n冲泡：挂耳撑开挂于杯口，先以少量 92℃ 热水闷蒸 20 秒，再分三次注水至 180ml。\n\n保存：常温避光，开封后尽快饮用。保质期 12 个月，生产日期见包装。',
    priceFen: 6900,
    memberPriceFen: 5900,
    stock: 500,
    sortOrder: 1,
  },
  {
    name: '手作曲奇礼盒',
    subtitle: '黄油 · 抹茶 · 可可三种口味',
    imageUrl: '/static/products/cookie.svg',
    detail:
      '门店烘焙师每日手作，使用新西兰黄油与低筋面粉，不添加人造奶油。\n\n内含黄油、抹茶、可可三种口味共 24 枚，独立小袋分装，礼盒附手提袋。\n\n保存：阴凉干燥处存放，避免阳光直射；开封后请于 3 日内食用。含小麦、乳制品、蛋类，过敏者慎食。',
    priceFen: 12800,
    memberPriceFen: 10800,
    stock: 200,
    sortOrder: 2,
  },
  {
    name: '东方美人乌龙茶 100g',
    subtitle: '台湾新竹，蜜香',
    imageUrl: '/static/products/tea.svg',
    detail:
      '产自台湾新竹，茶芽经小绿叶蝉叮咬后制成，重发酵，汤色橙红明亮，带天然蜜香与熟果香。\n\n规格：100g 罐装。\n冲泡：5g 茶叶配 150ml、95℃ 热水，首泡 45 秒，之后每泡递增 10 秒，可冲泡 5 次以上。\n\n保存：密封、避光、防潮、防异味。',
    priceFen: 16800,
    memberPriceFen: 14800,
    stock: 120,
    sortOrder: 3,
  },
  {
    name: '每日坚果 · 30 袋',
    subtitle: '六种坚果果干，独立小包',
    imageUrl: '/static/products/nuts.svg',
    detail:
      '每袋 25g，含腰果、巴旦木、榛子、核桃仁、蔓越莓干与蓝莓干六种，坚果烘烤不加盐。\n\n30 袋装，适合作为早餐或办公室加餐；独立充氮小包，保持酥脆。\n\n保存：常温阴凉干燥处，开袋即食。含坚果，过敏者慎食。',
    priceFen: 9900,
    memberPriceFen: 8900,
    stock: 800,
    sortOrder: 4,
  },
];

/** Demo data for `pnpm start`: a store, two staff, a manager, four tiers and a few products. Runs once. */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('Seed');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountService,
    private readonly stock: StockService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly configCache: ConfigCache,
  ) {}

  async seed(): Promise<{ seeded: boolean }> {
    const storeRepo = this.dataSource.getRepository(Store);
    if ((await storeRepo.count()) > 0) {
      await this.linkDemoStaffWechat();
      return { seeded: false };
    }

    const store = await storeRepo.save(
      storeRepo.create({
        name: '上海南京西路旗舰店',
        address: '上海市静安区南京西路 1266 号 1F',
        latitude: 31.2286,
        longitude: 121.4558,
        openingHours: '10:00-22:00',
        active: true,
      }),
    );
    const tierRepo = this.dataSource.getRepository(Tier);
    if ((await tierRepo.count()) === 0) {
      const tiers = await tierRepo.save(DEMO_TIERS.map((t) => tierRepo.create(t)));
      await this.seedBenefits(tiers);
    }
    const categoryRepo = this.dataSource.getRepository(Category);
    const productRepo = this.dataSource.getRepository(Product);
    if ((await productRepo.count()) === 0) {
      const [coffee, tea, snacks] = await categoryRepo.save(
        [
          { name: '咖啡', icon: '☕', sortOrder: 1 },
          { name: '茶饮', icon: '🍵', sortOrder: 2 },
          { name: '零食', icon: '🍪', sortOrder: 3 },
        ].map((c) => categoryRepo.create(c)),
      );
      const categoryOf = [coffee.id, snacks.id, tea.id, snacks.id];
      const products = await productRepo.save(DEMO_PRODUCTS.map((p, i) => productRepo.create({ ...p, status: 'on_shelf', categoryId: categoryOf[i] })));
      await this.dataSource.transaction(async (manager) => {
        const skus = await manager
          .getRepository(Sku)
          .save(
            products.map((p) =>
              manager
                .getRepository(Sku)
                .create({ productId: p.id, specs: '标准装', priceFen: p.priceFen, memberPriceFen: p.memberPriceFen, stock: 0, enabled: true }),
            ),
          );
        for (const [i, sku] of skus.entries()) await this.stock.open(manager, sku.id, products[i].stock);
      });
      const couponRepo = this.dataSource.getRepository(CouponTemplate);
      await couponRepo.save([
        couponRepo.create({
          name: '新人满 100 减 20',
          kind: 'fixed',
          amountFen: 2000,
          thresholdFen: 10000,
          validDays: 30,
          perMemberLimit: 1,
          totalQuantity: 1000,
          claimable: true,
          enabled: true,
        }),
        couponRepo.create({
          name: '咖啡 9 折券',
          kind: 'percent',
          percentBps: 9000,
          capFen: 3000,
          thresholdFen: 0,
          categoryIds: JSON.stringify([coffee.id]),
          validDays: 14,
          perMemberLimit: 2,
          totalQuantity: 500,
          claimable: true,
          enabled: true,
        }),
      ]);
    }
    const planRepo = this.dataSource.getRepository(RechargePlan);
    if ((await planRepo.count()) === 0) {
      await planRepo.save(
        [
          { name: '充 100', payFen: 10000, bonusFen: 0, sortOrder: 1, badge: '' },
          { name: '充 300 送 20', payFen: 30000, bonusFen: 2000, bonusPoints: 300, sortOrder: 2, badge: '' },
          { name: '充 500 送 50', payFen: 50000, bonusFen: 5000, bonusPoints: 500, sortOrder: 3, badge: '最受欢迎' },
          { name: '充 1000 送 120', payFen: 100000, bonusFen: 12000, bonusPoints: 1000, bonusGrowth: 200, sortOrder: 4, badge: '最划算' },
        ].map((p) => planRepo.create({ ...p, enabled: true })),
      );
    }
    await this.seedMembership();
    await this.seedNotificationTemplates();
    const giftRepo = this.dataSource.getRepository(PointsMallItem);
    if ((await giftRepo.count()) === 0) {
      await giftRepo.save(
        [
          { name: '品牌帆布托特包', pricePoints: 800, stock: 120, imageUrl: '/static/gifts/tote.svg', sortOrder: 1 },
          { name: '陶瓷马克杯', pricePoints: 500, stock: 80, imageUrl: '/static/gifts/mug.svg', sortOrder: 2, perMemberLimit: 2 },
          { name: '门店饮品兑换券', pricePoints: 200, stock: 500, imageUrl: '/static/gifts/voucher.svg', sortOrder: 3 },
          { name: '保温随行杯（积分+现金）', pricePoints: 300, cashFen: 3900, stock: 60, imageUrl: '/static/gifts/mug.svg', sortOrder: 4, perMemberLimit: 1 },
        ].map((g) => giftRepo.create({ ...g, enabled: true })),
      );
    }
    const accountRepo = this.dataSource.getRepository(Account);
    for (const staff of [
      { username: 'manager1', displayName: '王店长', role: 'store_manager' as const },
      { username: 'staff1', displayName: '李导购', role: 'staff' as const },
      { username: 'staff2', displayName: '陈导购', role: 'staff' as const },
    ]) {
      if (await accountRepo.existsBy({ username: staff.username })) continue;
      await this.accounts.create({ ...staff, password: DEMO_STAFF_PASSWORD, storeId: store.id });
    }
    await this.linkDemoStaffWechat();
    // The seeder writes configuration tables directly: drop whatever was cached before it ran.
    this.configCache.clear();
    this.logger.log({ msg: 'demo data seeded', storeId: store.id });
    return { seeded: true };
  }

  /**
   * With the simulator, the 店员 choice of the H5 demo picker is a WeChat linked to staff1, so it
   * opens the staff workbench without an invitation code. Also for a demo database seeded before
   * the link existed; never when staff1 or that WeChat is already linked.
   */
  private async linkDemoStaffWechat(): Promise<void> {
    if (this.config.wechat.mode !== 'simulator') return;
    const openid = simulatedOpenid(this.config.wechat.appId, DEMO_STAFF_SIM_USER);
    const staff1 = await this.dataSource.getRepository(Account).findOneBy({ username: 'staff1' });
    if (!staff1 || staff1.openid || (await this.accounts.findByOpenid(openid))) return;
    await this.accounts.linkOpenid(staff1.id, openid);
  }

  /** With the simulator, every scene uses the simulated account's matching template, so messages work in the demo at once. */
  private async seedNotificationTemplates(): Promise<void> {
    const repo = this.dataSource.getRepository(NotificationSceneConfig);
    if (this.config.wechat.mode !== 'simulator' || (await repo.count()) > 0) return;
    await repo.save(NOTIFICATION_SCENE_KEYS.map((scene) => repo.create({ scene, templateId: simTemplateId(scene), enabled: true })));
  }

  /** SVIP plans and what they grant: the paid membership has to pay for itself in savings. */
  private async seedMembership(): Promise<void> {
    const repo = this.dataSource.getRepository(MembershipPlan);
    if ((await repo.count()) > 0) return;
    const plans = await repo.save([
      repo.create({
        name: 'SVIP 月卡',
        periodUnit: 'month',
        priceFen: 1900,
        firstPurchasePriceFen: 990,
        strikePriceFen: 2900,
        refundDays: 7,
        tagline: '按月开通 · 灵活续费',
        sortOrder: 1,
        enabled: true,
      }),
      repo.create({
        name: 'SVIP 季卡',
        periodUnit: 'quarter',
        priceFen: 4900,
        strikePriceFen: 5700,
        refundDays: 7,
        tagline: '折合每月 16.3 元',
        sortOrder: 2,
        enabled: true,
      }),
      repo.create({
        name: 'SVIP 年卡',
        periodUnit: 'year',
        priceFen: 16800,
        strikePriceFen: 22800,
        refundDays: 7,
        tagline: '最划算 · 每天不到 5 毛',
        sortOrder: 3,
        enabled: true,
      }),
    ]);
    const grants: { name: string; spec: BenefitSpec }[] = [
      { name: 'SVIP 全场 8.8 折', spec: { type: 'member_discount', priceBps: 8800 } },
      { name: 'SVIP 全场包邮', spec: { type: 'free_shipping' } },
      { name: 'SVIP 积分 2 倍', spec: { type: 'points_multiplier', multiplierPct: 200 } },
      { name: 'SVIP 秒杀提前 60 分钟', spec: { type: 'early_access', minutes: 60 } },
    ];
    for (const g of grants) {
      const benefit = await this.dataSource.getRepository(Benefit).save({ type: g.spec.type, name: g.name, description: '', enabled: true });
      await this.dataSource
        .getRepository(BenefitVersion)
        .insert({ benefitId: benefit.id, version: 1, spec: JSON.stringify(g.spec), effectiveFrom: new Date(0), createdBy: null });
      for (const plan of plans) await this.dataSource.getRepository(BenefitAttachment).insert({ sourceType: 'plan', sourceId: plan.id, benefitId: benefit.id });
    }
  }

  /** The benefits the tier descriptions promise: member price for all, discounts and more higher up. */
  private async seedBenefits(tiers: Tier[]): Promise<void> {
    const byLevel = (level: number) => tiers.find((t) => t.level === level)!.id;
    const plan: { name: string; spec: BenefitSpec; levels: number[] }[] = [
      { name: '会员专享价', spec: { type: 'member_price' }, levels: [0, 1, 2, 3] },
      { name: '银卡 95 折', spec: { type: 'member_discount', priceBps: 9500 }, levels: [1] },
      { name: '金卡 9 折', spec: { type: 'member_discount', priceBps: 9000 }, levels: [2] },
      { name: '黑金 85 折', spec: { type: 'member_discount', priceBps: 8500 }, levels: [3] },
      { name: '积分 1.2 倍', spec: { type: 'points_multiplier', multiplierPct: 120 }, levels: [1] },
      { name: '积分 1.5 倍', spec: { type: 'points_multiplier', multiplierPct: 150 }, levels: [2] },
      { name: '积分 2 倍', spec: { type: 'points_multiplier', multiplierPct: 200 }, levels: [3] },
      { name: '满 99 包邮', spec: { type: 'free_shipping', minOrderFen: 9900 }, levels: [2] },
      { name: '全场包邮', spec: { type: 'free_shipping' }, levels: [3] },
      { name: '生日礼 200 积分', spec: { type: 'birthday_gift', points: 200 }, levels: [1, 2, 3] },
      { name: '升级礼 300 积分', spec: { type: 'upgrade_gift', points: 300 }, levels: [2, 3] },
      { name: '秒杀提前 30 分钟', spec: { type: 'early_access', minutes: 30 }, levels: [3] },
      { name: 'VIP 社群', spec: { type: 'group_invite', groupType: 'vip' }, levels: [3] },
    ];
    for (const item of plan) {
      const benefit = await this.dataSource.getRepository(Benefit).save({ type: item.spec.type, name: item.name, description: '', enabled: true });
      await this.dataSource
        .getRepository(BenefitVersion)
        .insert({ benefitId: benefit.id, version: 1, spec: JSON.stringify(item.spec), effectiveFrom: new Date(0), createdBy: null });
      for (const level of item.levels)
        await this.dataSource.getRepository(BenefitAttachment).insert({ sourceType: 'tier', sourceId: byLevel(level), benefitId: benefit.id });
    }
  }
}
