// Types of wx-login-miniprogram. The wx side is typed by WeChat's own miniprogram-api-typings
// (the `WechatMiniprogram` namespace), so the real `wx` object is accepted as it is.

/// <reference types="miniprogram-api-typings" />

/** The `wx` APIs the client calls: the real `wx` has them all. */
export type WxLoginWx = Pick<
  WechatMiniprogram.Wx,
  'login' | 'request' | 'getStorageSync' | 'setStorageSync' | 'removeStorageSync'
> &
  Partial<Pick<WechatMiniprogram.Wx, 'uploadFile' | 'downloadFile' | 'getUserInfo' | 'getFileSystemManager'>>;

/** Endpoint paths, when the server changed `wx.login.*-path`. */
export interface WxLoginPaths {
  /** @default '/wx/login' */
  login?: string;
  /** @default '/wx/token/refresh' */
  refresh?: string;
  /** @default '/wx/logout' */
  logout?: string;
  /** @default '/wx/phone' */
  phone?: string;
  /** @default '/wx/profile' */
  profile?: string;
}

export interface WxLoginOptions {
  /** The server, e.g. `https://api.example.com` (a path prefix is kept). */
  baseUrl: string;
  /** Sent with every login; needed when the server serves several mini-programs. */
  appId?: string;
  /** Prefix of the storage key the session is kept under (`<prefix>session`). @default 'wxLogin:' */
  storageKeyPrefix?: string;
  /** The `wx` object; defaults to the global `wx`. */
  wx?: WxLoginWx;
  paths?: WxLoginPaths;
  /**
   * Refresh before a call when the access token expires within this many seconds (at most a
   * quarter of the token's lifetime). @default 30
   */
  refreshMarginSeconds?: number;
  /**
   * Calls log in by themselves when there is no session or the refresh is refused; with
   * `false` they reject with `not_logged_in` and the app calls `login()`. @default true
   */
  autoLogin?: boolean;
  /**
   * How many times an idempotent call (GET, HEAD, PUT, DELETE, OPTIONS, downloads, or
   * `idempotent: true`) is sent again after a `429` or `503` with `Retry-After`. @default 2
   */
  maxRetries?: number;
  /**
   * A `Retry-After` longer than this is not waited for: the call rejects at once with
   * `WxLoginError.retryAfter`. @default 10
   */
  maxRetryDelaySeconds?: number;
  /** Called when the session changes: logged in, refreshed, logged out (also by the server). */
  onSessionChange?: WxSessionListener;
  /** The clock, epoch milliseconds (tests). @default Date.now */
  now?: () => number;
  /** How to wait before a retry (tests). @default setTimeout */
  sleep?: (ms: number) => Promise<unknown>;
}

/** The session the client keeps in memory and in storage; times in epoch ms on the device clock. */
export interface WxLoginTokens {
  accessToken: string;
  /** When it was requested. */
  accessTokenIssuedAt: number;
  /** From `expires_in`, counted on the device clock, so a wrong device clock does not matter. */
  accessTokenExpiresAt: number;
  refreshToken: string;
  refreshTokenExpiresAt: number;
  openid: string;
  unionid: string | null;
}

export interface WxSessionChange {
  /** `login`: a new session; `refresh`: new tokens of the same login; `logout`: no session any more. */
  type: 'login' | 'refresh' | 'logout';
  /** A copy of the new session; `null` after a logout. */
  tokens: WxLoginTokens | null;
  /**
   * For `logout`: `logout` when `logout()` was called; `refresh_refused` when the server ended the
   * login (refresh token expired, revoked or used elsewhere).
   */
  reason?: 'logout' | 'refresh_refused';
}

export type WxSessionListener = (change: WxSessionChange) => void;

/** The server's answer to a login. */
export interface WxTokenResponse {
  access_token: string;
  token_type: 'Bearer';
  /** Seconds. */
  expires_in: number;
  refresh_token: string;
  /** Seconds. */
  refresh_expires_in: number;
  openid: string;
  unionid?: string;
  /** The decrypted user info, when user data was sent with the login. */
  user?: Record<string, any>;
}

/** Signed and encrypted user data, as `wx.getUserProfile` or `wx.getUserInfo` give it. */
export interface WxUserData {
  encryptedData: string;
  iv: string;
  rawData?: string;
  signature?: string;
}

export interface WxLoginOptionsForLogin {
  /** Calls `wx.getUserInfo({ withCredentials: true })` after `wx.login()` and sends its data. */
  withUserInfo?: boolean;
  /** User data to send, or a function of the new code that returns it. */
  userInfo?: Partial<WxUserData> | ((code: string) => Partial<WxUserData> | Promise<Partial<WxUserData>>);
}

export interface WxPhoneNumber {
  /** With the country code for numbers outside China. */
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
}

/** The user info the server decrypted and verified (`openId`, `nickName`, `avatarUrl`, ...). */
export interface WxProfile {
  openId?: string;
  unionId?: string;
  nickName?: string;
  avatarUrl?: string;
  [field: string]: any;
}

type WithoutCallbacks<T> = Omit<T, 'success' | 'fail' | 'complete'>;

interface WxLoginCallOptions {
  /**
   * Whether to send the call again after a `429`/`503` with `Retry-After`. Default: true for
   * GET, HEAD, PUT, DELETE, OPTIONS and downloads, false for POST and uploads.
   */
  idempotent?: boolean;
}

/** `wx.request` options: `url` may be relative to `baseUrl`. */
export type WxLoginRequestOptions = WithoutCallbacks<WechatMiniprogram.RequestOption> & WxLoginCallOptions;

/** `wx.uploadFile` options: `url` may be relative to `baseUrl`. */
export type WxLoginUploadOptions = WithoutCallbacks<WechatMiniprogram.UploadFileOption> & WxLoginCallOptions;

/** `wx.downloadFile` options: `url` may be relative to `baseUrl`. */
export type WxLoginDownloadOptions = WithoutCallbacks<WechatMiniprogram.DownloadFileOption> & WxLoginCallOptions;

export interface WxLoginClient {
  /** `wx.login()`, then POST /wx/login; stores the session. Silent logins at the same time share one. */
  login(options?: WxLoginOptionsForLogin): Promise<WxTokenResponse>;
  /** `wx.request` with the bearer; resolves with the body. */
  request<T = any>(options: WxLoginRequestOptions & { fullResponse?: false }): Promise<T>;
  /** `wx.request` with the bearer; resolves with wx's whole result. */
  request<T extends string | WechatMiniprogram.IAnyObject | ArrayBuffer = any>(
    options: WxLoginRequestOptions & { fullResponse: true }
  ): Promise<WechatMiniprogram.RequestSuccessCallbackResult<T>>;
  /** `wx.uploadFile` with the bearer; resolves with the body, parsed when it is JSON. */
  uploadFile<T = any>(options: WxLoginUploadOptions & { fullResponse?: false }): Promise<T>;
  /** `wx.uploadFile` with the bearer; resolves with wx's whole result. */
  uploadFile(
    options: WxLoginUploadOptions & { fullResponse: true }
  ): Promise<WechatMiniprogram.UploadFileSuccessCallbackResult>;
  /** `wx.downloadFile` with the bearer; resolves with wx's result (`tempFilePath` or `filePath`). */
  downloadFile(options: WxLoginDownloadOptions): Promise<WechatMiniprogram.DownloadFileSuccessCallbackResult>;
  /** POST /wx/phone: the `e.detail.code` of the getPhoneNumber button, or `e.detail`, or legacy `{ encryptedData, iv }`. */
  getPhoneNumber(codeOrDetail: string | { code?: string; encryptedData?: string; iv?: string }): Promise<WxPhoneNumber>;
  /**
   * POST /wx/profile with what `wx.getUserProfile` / `wx.getUserInfo` gave; without data, calls
   * `wx.getUserInfo({ withCredentials: true })`. The data must be made with this login's session key.
   */
  getProfile<T extends WxProfile = WxProfile>(userData?: WxUserData): Promise<T>;
  /** Revokes the login on the server and clears the session; resolves whether the server confirmed. */
  logout(): Promise<boolean>;
  /** A copy of the session, or null. */
  getTokens(): WxLoginTokens | null;
  /** Whether there is a session whose access or refresh token has not expired. */
  isLoggedIn(): boolean;
  /** Adds a session listener; returns the function that removes it. */
  onSessionChange(listener: WxSessionListener): () => void;
}

export interface WxLoginErrorDetails {
  error: string;
  status?: number;
  retryAfter?: number | null;
  problem?: WxProblem | null;
  data?: any;
  cause?: any;
}

/** An `application/problem+json` body of the server (RFC 9457) with its stable `error` code. */
export interface WxProblem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  error: string;
  [member: string]: any;
}

/**
 * The stable codes: the server's, and the client's own (`http_error`, `network_error`,
 * `wx_login_failed`, `wx_user_info_failed`, `not_logged_in`, `invalid_response`).
 */
export type WxLoginErrorCode =
  | 'invalid_request'
  | 'unknown_app'
  | 'invalid_code'
  | 'invalid_signature'
  | 'invalid_encrypted_data'
  | 'invalid_token'
  | 'risky_user'
  | 'rate_limited'
  | 'wechat_unavailable'
  | 'store_unavailable'
  | 'http_error'
  | 'network_error'
  | 'wx_login_failed'
  | 'wx_user_info_failed'
  | 'not_logged_in'
  | 'invalid_response'
  | (string & {});

export class WxLoginError extends Error {
  constructor(message: string, details: WxLoginErrorDetails);
  name: 'WxLoginError';
  /** The stable machine code. */
  error: WxLoginErrorCode;
  /** The HTTP status, 0 when no answer arrived. */
  status: number;
  /** Seconds to wait, from `Retry-After`, when the server sent it. */
  retryAfter: number | null;
  /** The problem+json body, when there was one. */
  problem: WxProblem | null;
  /** The response body as received. */
  data: any;
  cause?: any;
  /** The error for an error answer (status >= 400); `nowMs` dates a `Retry-After` that is an HTTP date. */
  static fromResponse(
    res: { statusCode: number; data?: any; header?: WechatMiniprogram.IAnyObject },
    nowMs?: number
  ): WxLoginError;
}

export const DEFAULT_PATHS: Readonly<Required<WxLoginPaths>>;

export function createWxLogin(options: WxLoginOptions): WxLoginClient;
