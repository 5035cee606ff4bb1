import { describe, expect, it } from 'vitest';
import { phoneText, smsParamNames, smsReviewTexts } from './message-text.js';

describe('the text a phone receives', () => {
  it('greetings and tips end with the opt-out once; notices carry none', () => {
    expect(phoneText('greetings', '张三您好，祝您节日快乐！')).toBe('张三您好，祝您节日快乐！拒收请回复R');
    expect(phoneText('tips', '天冷注意保暖')).toBe('天冷注意保暖。拒收请回复R');
    expect(phoneText('tips', '天冷注意保暖。拒收请回复R')).toBe('天冷注意保暖。拒收请回复R');
    expect(phoneText('tips', '天冷注意保暖。拒收请回复R  ')).toBe('天冷注意保暖。拒收请回复R  ');
    expect(phoneText('service_notices', '明天停水。')).toBe('明天停水。');
  });

  it('SMS parameters are the ones the Chinese text uses, in the template order', () => {
    expect(smsParamNames('{name}您好，{tip}', ['name', 'estate', 'tip', 'tipEn'])).toEqual(['name', 'tip']);
    expect(smsParamNames('{b}{a}{b}', ['a', 'b'])).toEqual(['a', 'b']);
  });

  it('review texts use each provider’s placeholders; health tips have none', () => {
    expect(smsReviewTexts({ purpose: 'tips', textZh: '{b}说{a}，{b}', paramNames: ['a', 'b'] })).toEqual({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Aliyun's own placeholder syntax
      sms_aliyun: '${b}说${a}，${b}。拒收请回复R',
      sms_tencent: '{2}说{1}，{2}。拒收请回复R',
    });
    expect(smsReviewTexts({ purpose: 'health_tips', textZh: '{name}注意', paramNames: ['name'] })).toBeNull();
  });
});
