import { checkSources, readServerSources, type SourceFile } from './source-rules';

const entity = (path: string, name: string): SourceFile => ({ path, text: `@Entity('${name.toLowerCase()}')\nexport class ${name} {\n  status: string;\n}\n` });

describe('architecture rules (server source)', () => {
  it('the server keeps them: status via the transition helper, own tables only, members via MemberService', () => {
    const violations = checkSources(readServerSources());
    expect(violations.map((v) => `${v.path}:${v.line} ${v.rule} — ${v.detail}`)).toEqual([]);
  });

  describe('the checker catches what it is meant to', () => {
    const base = [entity('order/order.entity.ts', 'ShopOrder'), entity('catalog/sku.entity.ts', 'Sku'), entity('member/member.entity.ts', 'Member')];
    const check = (path: string, text: string) => checkSources([...base, { path, text }]);

    it('a status changed by an inline update, a query-builder set or an assignment', () => {
      expect(check('order/x.service.ts', `await repo.update({ id, status: 'paid' }, { status: 'shipped', shippedAt });`).map((v) => v.rule)).toEqual([
        'status-outside-transition',
      ]);
      expect(check('order/x.service.ts', `qb.update(ShopOrder).set({ paidAt: now, status: 'paid' }).where('id = :id')`).map((v) => v.rule)).toEqual([
        'status-outside-transition',
      ]);
      expect(check('order/x.service.ts', `order.status = 'paid'; await repo.save(order);`).map((v) => v.rule)).toEqual(['status-outside-transition']);
    });

    it('but not a status in the WHERE of an update that sets something else, nor a comparison', () => {
      expect(check('order/x.service.ts', `await repo.update({ id, status: 'closed' }, { closeVerified: true }); if (order.status === 'paid') {}`)).toEqual([]);
    });

    it("another module's table written through a repository, a variable, the query builder, insertIgnore or a transition", () => {
      const text = [
        `await manager.getRepository(Sku).update({ id }, { stock: 1 });`,
        `const skus = manager.getRepository(Sku); await skus.save(x);`,
        `await manager.createQueryBuilder().update(Sku).set({ stock: () => 'stock - 1' })`,
        `await insertIgnore(manager, Sku, { id: 1 });`,
        `await transitionOne(manager, ShopOrder, ORDER_STATES, { where: { id }, from: 'paid', to: 'completed' });`,
      ].join('\n');
      expect(check('store/x.service.ts', text).map((v) => v.detail.split(' ')[0])).toEqual(['update', 'save', 'query-builder', 'insertIgnore', 'transition']);
      expect(check('catalog/x.service.ts', `await manager.getRepository(Sku).update({ id }, { stock: 1 });`)).toEqual([]);
    });

    it('members read outside the member module', () => {
      expect(check('points/x.service.ts', `const m = await manager.getRepository(Member).findOneBy({ id });`).map((v) => v.rule)).toEqual([
        'member-read-outside-member',
      ]);
      expect(check('member/member.service.ts', `this.members = dataSource.getRepository(Member);`)).toEqual([]);
    });
  });
});
