import * as path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

const isH5 = process.env.TARO_ENV === 'h5';
const sharedSrc = path.resolve(__dirname, '..', '..', 'shared', 'src');
const appSrc = path.resolve(__dirname, '..', 'src');
const apiBaseUrl = process.env.TARO_APP_API_BASE_URL ?? (isH5 ? '' : 'http://localhost:3000');

/** Written by hand (taro init needs GitHub): weapp → dist/weapp, h5 → dist/h5 served by the server at /h5/. */
export default defineConfig<'webpack5'>(async () => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'member-mall',
    date: '2026-11-22',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV ?? 'weapp'}`,
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    plugins: [],
    // '@/…' is src/ (matched only as '@' or '@/…', so scoped packages like @tarojs/* are untouched).
    alias: { '@mall/shared': sharedSrc, '@': appSrc },
    defineConstants: {
      API_BASE_URL: JSON.stringify(apiBaseUrl),
    },
    copy: { patterns: [], options: {} },
    mini: {
      compile: { include: [sharedSrc] },
      // Component styles are separate BEM blocks, so the order pages happen to import them in does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/h5/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [sharedSrc] },
      miniCssExtractPluginOption: { ignoreOrder: true },
      esnextModules: [],
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  };
  return config;
});
