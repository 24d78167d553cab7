export default definePageConfig({ navigationBarTitleText: 'SVIP 付费会员', navigationBarBackgroundColor: '#1F1F1F', enablePullDownRefresh: true });
