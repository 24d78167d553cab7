// babel-preset-taro, Babel 7 (Babel 8 breaks Taro 4).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
