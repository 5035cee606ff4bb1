import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from './catalogApi';
import { fenToYuan, priceText, toBody, toFormValues, yuanToFen } from './catalogForm';

const entry: CatalogEntry = {
  id: 'c1',
  estateId: 'e1',
  code: 'T8.faucet',
  team: 'technical',
  category: 'plumbing',
  name: '更换水龙头',
  nameEn: 'Replace a faucet',
  description: null,
  descriptionEn: null,
  visibility: 'residents',
  priceKind: 'fixed',
  priceFen: 3000,
  freeRules: { urgent: true, night: true, maxMaterialFen: 1000 },
  targets: {
    urgent: { responseMinutes: 15, completionMinutes: 120 },
    high: { responseMinutes: 30, completionMinutes: 240 },
    normal: { responseMinutes: 120, completionMinutes: 1440 },
    low: { responseMinutes: 480, completionMinutes: 4320 },
  },
  supervisionCard: true,
  revisitPolicy: { afterDays: 30, lowScoreThreshold: 3 },
  active: true,
  version: 4,
};

describe('catalog form', () => {
  it('shows yuan and stores fen, to the fen', () => {
    expect(fenToYuan(3000)).toBe(30);
    expect(yuanToFen(35.5)).toBe(3550);
    expect(yuanToFen(0.1 + 0.2)).toBe(30);
    expect(priceText(entry, '免费', '现场报价')).toBe('¥30.00');
    expect(priceText({ priceKind: 'quote', priceFen: null }, '免费', '现场报价')).toBe('现场报价');
  });

  it('round-trips an entry through the form', () => {
    const v = toFormValues(entry);
    expect(v).toMatchObject({ priceYuan: 30, freeUrgent: true, freeNight: true, freeMaxMaterialYuan: 10 });
    const body = toBody({ ...v, priceYuan: 32.5 });
    expect(body).toMatchObject({
      code: 'T8.faucet',
      priceFen: 3250,
      freeRules: { urgent: true, night: true, maxMaterialFen: 1000 },
      revisitPolicy: { afterDays: 30, lowScoreThreshold: 3 },
    });
  });

  it('a free entry carries no price and no free rules; no revisit days means none', () => {
    const body = toBody({ ...toFormValues(null), code: ' X.a ', name: '帮忙', revisitAfterDays: null });
    expect(body).toMatchObject({ code: 'X.a', priceKind: 'free', priceFen: null, freeRules: null });
    expect(body.revisitPolicy.afterDays).toBeNull();
  });
});
