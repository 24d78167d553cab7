export default definePageConfig({ navigationBarTitleText: '联系门店导购' });
