import { DataSource, Entity, Column, PrimaryGeneratedColumn } from 'typeorm';
import { defineStateMachine, IllegalTransitionError } from '@mall/shared';
import { transition, transitionOne } from './transition';

type Light = 'red' | 'green' | 'amber';
const LIGHT = defineStateMachine<Light>('light', { red: ['green'], green: ['amber'], amber: ['red'] }, { red: '红', green: '绿', amber: '黄' });

@Entity('light')
class LightRow {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 8 }) status: Light;
  @Column({ type: 'int', default: 0 }) changes: number;
}

describe('transition helper (embedded SQLite)', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [LightRow], synchronize: true }).initialize();
  });
  afterAll(() => ds.destroy());

  it('moves a row once: the second identical transition finds nothing to move', async () => {
    const row = await ds.getRepository(LightRow).save({ status: 'red' as Light });
    expect(await transitionOne(ds.manager, LightRow, LIGHT, { where: { id: row.id }, from: 'red', to: 'green', set: { changes: 1 } })).toBe(true);
    expect(await transitionOne(ds.manager, LightRow, LIGHT, { where: { id: row.id }, from: 'red', to: 'green' })).toBe(false);
    expect(await ds.getRepository(LightRow).findOneByOrFail({ id: row.id })).toMatchObject({ status: 'green', changes: 1 });
  });

  it('refuses an edge the table does not allow, before touching the database', async () => {
    const row = await ds.getRepository(LightRow).save({ status: 'red' as Light });
    await expect(transition(ds.manager, LightRow, LIGHT, { where: { id: row.id }, from: 'red', to: 'amber' })).rejects.toThrow(IllegalTransitionError);
    expect((await ds.getRepository(LightRow).findOneByOrFail({ id: row.id })).status).toBe('red');
  });

  it('moves every matching row from any of several states and counts them', async () => {
    const repo = ds.getRepository(LightRow);
    await repo.clear();
    await repo.save([{ status: 'amber' as Light }, { status: 'amber' as Light }, { status: 'green' as Light }]);
    expect(await transition(ds.manager, LightRow, LIGHT, { where: {}, from: ['amber'], to: 'red' })).toBe(2);
    expect((await repo.find({ order: { id: 'ASC' } })).map((r) => r.status)).toEqual(['red', 'red', 'green']);
  });
});
