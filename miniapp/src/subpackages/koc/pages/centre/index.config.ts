export default definePageConfig({ navigationBarTitleText: '推荐官中心', enableShareAppMessage: true, enablePullDownRefresh: true });
