export default defineAppConfig({
  pages: ['pages/index/index', 'pages/member/index', 'pages/mine/index'],
  subPackages: [
    { root: 'subpackages/wallet', pages: ['pages/wallet/index', 'pages/withdraw/index'] },
    { root: 'subpackages/member', pages: ['pages/qr/index', 'pages/svip/index', 'pages/profile/index', 'pages/guide/index'] },
    { root: 'subpackages/points', pages: ['pages/points/index', 'pages/mall/index'] },
    {
      root: 'subpackages/mall',
      pages: [
        'pages/product/index',
        'pages/cart/index',
        'pages/checkout/index',
        'pages/orders/index',
        'pages/order/index',
        'pages/addresses/index',
        'pages/coupons/index',
        'pages/category/index',
        'pages/logistics/index',
        'pages/after-sale/index',
        'pages/after-sale-detail/index',
        'pages/favourites/index',
      ],
    },
    {
      root: 'subpackages/staff',
      pages: ['pages/index/index', 'pages/member/index', 'pages/members/index', 'pages/write-offs/index', 'pages/performance/index', 'pages/poster/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1F1F1F',
    navigationBarTitleText: '会员商城',
    navigationBarTextStyle: 'white',
    backgroundColor: '#F7F5F2',
  },
  tabBar: {
    color: '#8C8C8C',
    selectedColor: '#C8A063',
    backgroundColor: '#FFFFFF',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/member/index', text: '会员', iconPath: 'assets/tab/member.png', selectedIconPath: 'assets/tab/member-active.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tab/mine.png', selectedIconPath: 'assets/tab/mine-active.png' },
    ],
  },
});
