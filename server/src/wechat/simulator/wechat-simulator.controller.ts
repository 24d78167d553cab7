import { Body, Controller, Delete, Get, Header, HttpCode, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { randomBytes } from 'node:crypto';
import * as QRCode from 'qrcode';
import { Public } from '../../common/auth/auth.decorators';
import { SimulatorAccessGuard } from './simulator-access.guard';
import { subscribeTemplateKeys, subscribeValueProblem } from '@mall/shared';
import { SIM_TEMPLATES } from './sim-templates';
import { SimulatorState, simulatedOpenid, simulatedUnionid } from './simulator-state';

type Json = Record<string, unknown>;

const ERR = {
  invalidCredential: { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' },
  invalidAppSecret: { errcode: 40125, errmsg: 'invalid appsecret' },
  invalidCode: { errcode: 40029, errmsg: 'invalid code' },
  codeUsed: { errcode: 40163, errmsg: 'code been used' },
  invalidScene: { errcode: 40169, errmsg: 'invalid length for scene, or the data is not json' },
  invalidOpenid: { errcode: 40003, errmsg: 'invalid openid' },
  missingTemplate: { errcode: 40037, errmsg: 'invalid template id' },
  notSubscribed: { errcode: 43101, errmsg: 'user refuse to accept the msg' },
  argumentInvalid: (detail: string) => ({ errcode: 47003, errmsg: `argument invalid! ${detail}` }),
};

/** Why WeChat would refuse this `data` for a template with `keys` (47003), or null. */
function dataProblem(keys: string[], data: unknown): string | null {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return 'data is not an object';
  const given = data as Record<string, unknown>;
  for (const key of Object.keys(given)) if (!keys.includes(key)) return `data.${key} not exist`;
  for (const key of keys) {
    const entry = given[key];
    if (!entry || typeof entry !== 'object') return `data.${key}.value is empty`;
    const problem = subscribeValueProblem(key, (entry as { value?: unknown }).value);
    if (problem) return problem;
  }
  return null;
}

/** A login code is "<user>:<nonce>"; the user part decides the openid. */
function parseLoginCode(code: unknown): { user: string } | null {
  if (typeof code !== 'string') return null;
  const match = /^([A-Za-z0-9_.-]{1,40}):([A-Za-z0-9_.-]{1,64})$/.exec(code);
  return match ? { user: match[1] } : null;
}

/** A phone code is "<11-digit mobile>:<nonce>". */
function parsePhoneCode(code: unknown): { phone: string } | null {
  if (typeof code !== 'string') return null;
  const match = /^(1\d{10}):([A-Za-z0-9_.-]{1,64})$/.exec(code);
  return match ? { phone: match[1] } : null;
}

/**
 * Plays WeChat's HTTP contracts under /__wechat (simulator mode only). Responses follow the real
 * shapes: HTTP 200 with `errcode`/`errmsg` on failure.
 */
@ApiExcludeController()
@Public()
@UseGuards(SimulatorAccessGuard)
@Controller('__wechat')
export class WechatSimulatorController {
  constructor(private readonly state: SimulatorState) {}

  @Get('sns/jscode2session')
  jscode2session(@Query() query: Json): Json {
    const request = { appid: query.appid, grant_type: query.grant_type, js_code: '***' };
    let response: Json;
    const parsed = parseLoginCode(query.js_code);
    if (!this.state.credentialsValid(query.appid, query.secret)) response = ERR.invalidAppSecret;
    else if (!parsed) response = ERR.invalidCode;
    else if (!this.state.consumeCode(query.js_code as string)) response = ERR.codeUsed;
    else {
      response = {
        openid: simulatedOpenid(this.state.appId, parsed.user),
        unionid: simulatedUnionid(parsed.user),
        session_key: randomBytes(16).toString('base64'),
      };
    }
    this.state.record('jscode2session', { ...request, user: parsed?.user }, { ...response, session_key: response.session_key ? '***' : undefined });
    return response;
  }

  @Post('cgi-bin/stable_token')
  @HttpCode(200)
  stableToken(@Body() body: Json): Json {
    const response = this.state.credentialsValid(body.appid, body.secret) ? this.state.stableAccessToken(body.force_refresh === true) : ERR.invalidAppSecret;
    this.state.record('stable_token', { appid: body.appid, force_refresh: body.force_refresh }, { ...response, access_token: '***' });
    return response;
  }

  @Get('cgi-bin/token')
  token(@Query() query: Json): Json {
    const response = this.state.credentialsValid(query.appid, query.secret) ? this.state.stableAccessToken(false) : ERR.invalidAppSecret;
    this.state.record('token', { appid: query.appid }, { ...response, access_token: '***' });
    return response;
  }

  @Post('wxa/business/getuserphonenumber')
  @HttpCode(200)
  getPhoneNumber(@Query('access_token') token: string, @Body() body: Json): Json {
    let response: Json;
    const parsed = parsePhoneCode(body.code);
    if (!this.state.tokenValid(token)) response = ERR.invalidCredential;
    else if (!parsed) response = ERR.invalidCode;
    else if (!this.state.consumeCode(`phone:${body.code}`)) response = ERR.codeUsed;
    else {
      response = {
        errcode: 0,
        errmsg: 'ok',
        phone_info: {
          phoneNumber: parsed.phone,
          purePhoneNumber: parsed.phone,
          countryCode: '86',
          watermark: { timestamp: Math.floor(Date.now() / 1000), appid: this.state.appId },
        },
      };
    }
    this.state.record('getuserphonenumber', { code: '***' }, response);
    return response;
  }

  @Post('wxa/getwxacodeunlimit')
  @HttpCode(200)
  async getUnlimited(@Query('access_token') token: string, @Body() body: Json, @Res() res: Response): Promise<void> {
    const scene = body.scene;
    let error: Json | null = null;
    if (!this.state.tokenValid(token)) error = ERR.invalidCredential;
    else if (typeof scene !== 'string' || scene.length === 0 || scene.length > 32 || !/^[\x21-\x7e]+$/.test(scene)) {
      error = ERR.invalidScene;
    }
    const request = { scene, page: body.page, width: body.width, check_path: body.check_path };
    if (error) {
      this.state.record('getwxacodeunlimit', request, error);
      res.status(200).json(error);
      return;
    }
    const width = typeof body.width === 'number' ? Math.min(Math.max(body.width, 280), 1280) : 430;
    const png = await QRCode.toBuffer(`wxacode:${body.page ?? 'pages/index/index'}?scene=${scene}`, { type: 'png', width, margin: 2 });
    this.state.record('getwxacodeunlimit', request, { binary: 'image/png', bytes: png.length });
    res.status(200).setHeader('content-type', 'image/png').send(png);
  }

  @Post('cgi-bin/message/subscribe/send')
  @HttpCode(200)
  sendSubscribeMessage(@Query('access_token') token: string, @Body() body: Json): Json {
    let response: Json;
    if (!this.state.tokenValid(token)) response = ERR.invalidCredential;
    else if (typeof body.touser !== 'string' || !body.touser.startsWith('o')) response = ERR.invalidOpenid;
    else {
      const template = SIM_TEMPLATES.find((tpl) => tpl.priTmplId === body.template_id);
      const problem = template ? dataProblem(subscribeTemplateKeys(template.content), body.data) : null;
      if (!template) response = ERR.missingTemplate;
      else if (problem) response = ERR.argumentInvalid(problem);
      else if (body.miniprogram_state !== undefined && !['developer', 'trial', 'formal'].includes(body.miniprogram_state as string))
        response = ERR.argumentInvalid('miniprogram_state invalid');
      else if (!this.state.useConsent(body.touser, template.priTmplId)) response = ERR.notSubscribed;
      else response = { errcode: 0, errmsg: 'ok', msgid: Date.now() };
    }
    this.state.record('subscribeMessage.send', body, response);
    return response;
  }

  /** subscribeMessage.getTemplateList: the templates added to the account (我的模板). */
  @Get('wxaapi/newtmpl/gettemplate')
  getTemplateList(@Query('access_token') token: string): Json {
    const response = this.state.tokenValid(token) ? { errcode: 0, errmsg: 'ok', data: SIM_TEMPLATES } : ERR.invalidCredential;
    this.state.record('getTemplateList', {}, { errcode: response.errcode });
    return response;
  }

  /**
   * H5 has no wx.requestSubscribeMessage: the H5 build's shim asks the member in a dialog and
   * reports the answer here, so "WeChat" knows the consent, then answers like the real API
   * ({errMsg, <templateId>: 'accept' | 'reject'}). An unknown template fails the whole call (20001).
   */
  @Post('sim/subscribe')
  @HttpCode(200)
  subscribe(@Body() body: Json): Json {
    const user = typeof body.user === 'string' && /^[A-Za-z0-9_.-]{1,40}$/.test(body.user) ? body.user : null;
    const results = body.results && typeof body.results === 'object' && !Array.isArray(body.results) ? (body.results as Record<string, unknown>) : null;
    const ids = results ? Object.keys(results) : [];
    let response: Json;
    if (!user || !results || ids.length === 0 || ids.length > 3 || ids.some((id) => !['accept', 'reject'].includes(results[id] as string))) {
      response = { errMsg: 'requestSubscribeMessage:fail invalid arguments', errCode: 10001 };
    } else if (ids.some((id) => !SIM_TEMPLATES.some((tpl) => tpl.priTmplId === id))) {
      response = { errMsg: 'requestSubscribeMessage:fail No template data return, verify the template id exist', errCode: 20001 };
    } else {
      const openid = simulatedOpenid(this.state.appId, user);
      for (const id of ids) if (results[id] === 'accept') this.state.grantConsent(openid, id);
      response = { errMsg: 'requestSubscribeMessage:ok', ...results };
    }
    this.state.record('requestSubscribeMessage', { user, results }, response);
    return response;
  }

  /** H5 has no wx.login: the H5 build asks here for a login code for a named dev user. */
  @Post('sim/login-code')
  @HttpCode(200)
  loginCode(@Body() body: Json): Json {
    const user = typeof body.user === 'string' && /^[A-Za-z0-9_.-]{1,40}$/.test(body.user) ? body.user : null;
    if (!user) return { errcode: 40013, errmsg: 'user must be 1-40 characters of [A-Za-z0-9_.-]' };
    return { code: `${user}:${randomBytes(9).toString('base64url')}` };
  }

  @Get('sim/calls')
  listCalls(@Query('api') api?: string): { items: unknown[] } {
    return { items: this.state.listCalls(api) };
  }

  @Delete('sim/calls')
  @HttpCode(204)
  clearCalls(): void {
    this.state.clearCalls();
  }

  @Post('sim/revoke-tokens')
  @HttpCode(204)
  @Header('cache-control', 'no-store')
  revokeTokens(): void {
    this.state.revokeTokens();
  }
}
