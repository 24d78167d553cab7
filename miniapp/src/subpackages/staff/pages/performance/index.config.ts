export default definePageConfig({ navigationBarTitleText: '业绩', enablePullDownRefresh: true });
