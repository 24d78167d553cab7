export default definePageConfig({ navigationBarTitleText: '会员商城', enablePullDownRefresh: true });
