// A TypeScript page of a mini-program that uses the client as a user would: the real global
// `wx` (typed by miniprogram-api-typings) goes to createWxLogin, and each call's result has
// the declared type. The @ts-expect-error lines are misuses that must not compile.

import { createWxLogin, WxLoginError, DEFAULT_PATHS } from 'wx-login-miniprogram';
import type { WxLoginClient, WxLoginTokens, WxPhoneNumber, WxProfile, WxSessionChange } from 'wx-login-miniprogram';

interface Me {
  openid: string;
  unionid: string | null;
  authorities: string[];
}

const auth: WxLoginClient = createWxLogin({
  baseUrl: 'https://api.example.com',
  wx, // WeChat's own wx object, as it is
  appId: 'wx0123456789abcdef',
  paths: { profile: DEFAULT_PATHS.profile },
  maxRetries: 1,
  onSessionChange(change: WxSessionChange) {
    const tokens: WxLoginTokens | null = change.tokens;
    console.log(change.type, change.reason, tokens && tokens.openid);
  },
});

const stop: () => void = auth.onSessionChange((change) => {
  if (change.type === 'logout' && change.reason === 'refresh_refused') {
    wx.reLaunch({ url: '/pages/login/login' });
  }
});

Page({
  data: { me: null as Me | null, phone: '', nickName: '', photo: '' },

  async onLoad() {
    const body = await auth.login();
    const expiresIn: number = body.expires_in;
    const me = await auth.request<Me>({ url: '/api/me' });
    const full = await auth.request<Me>({ url: '/api/me', method: 'GET', fullResponse: true, timeout: 5000 });
    const status: number = full.statusCode;
    await auth.request({ url: '/api/orders', method: 'POST', data: { item: 1 }, idempotent: true });
    this.setData({ me: full.data, expiresIn, status, openid: me.openid });
  },

  async onGetPhoneNumber(e: WechatMiniprogram.CustomEvent<{ code?: string; encryptedData?: string; iv?: string }>) {
    const number: WxPhoneNumber = await auth.getPhoneNumber(e.detail);
    this.setData({ phone: number.purePhoneNumber });
  },

  onProfileTap() {
    wx.getUserProfile({
      desc: 'Show your nickname',
      success: async (res) => {
        const profile: WxProfile = await auth.getProfile(res);
        this.setData({ nickName: profile.nickName });
      },
    });
  },

  onChoosePhoto() {
    wx.chooseMedia({
      count: 1,
      mediaType: ['image'],
      success: async (res) => {
        const saved = await auth.uploadFile<{ url: string }>({
          url: '/api/photos',
          filePath: res.tempFiles[0].tempFilePath,
          name: 'photo',
          formData: { album: 'default' },
        });
        const file = await auth.downloadFile({ url: saved.url });
        this.setData({ photo: file.tempFilePath });
      },
    });
  },

  async onLogout() {
    try {
      const confirmed: boolean = await auth.logout();
      console.log(confirmed, auth.isLoggedIn(), auth.getTokens());
      stop();
    } catch (e) {
      if (e instanceof WxLoginError && e.retryAfter !== null) {
        wx.showToast({ title: `Busy, retry in ${e.retryAfter}s (${e.error}, HTTP ${e.status})`, icon: 'none' });
      }
    }
  },

  misuses() {
    // @ts-expect-error wx.request takes upper-case methods only
    auth.request({ url: '/api/me', method: 'get' });
    // @ts-expect-error an upload needs the file's path and field name
    auth.uploadFile({ url: '/api/photos' });
    // @ts-expect-error not a wx object
    createWxLogin({ baseUrl: 'https://api.example.com', wx: { request() {} } });
    // @ts-expect-error baseUrl is required
    createWxLogin({ wx });
    // @ts-expect-error getProfile needs the encrypted data, not the plain user info
    auth.getProfile({ nickName: 'x' });
  },
});
