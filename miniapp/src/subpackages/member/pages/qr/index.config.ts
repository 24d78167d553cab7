export default definePageConfig({ navigationBarTitleText: '会员码', navigationBarBackgroundColor: '#1F1F1F', backgroundColor: '#1F1F1F' });
