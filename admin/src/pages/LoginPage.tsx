import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import type { AccountLoginResponse } from '@mall/shared';
import { http } from '../services/http';
import { fromLogin, setSession } from '../services/session';

export function LoginPage() {
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const submit = async (values: { username: string; password: string }) => {
    setLoading(true);
    setError(null);
    try {
      const res = await http<AccountLoginResponse>('/api/admin/auth/login', { method: 'POST', body: values, auth: false });
      setSession(fromLogin(res));
      navigate('/', { replace: true });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setLoading(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(135deg, #1F1F1F 0%, #3A3020 100%)',
      }}
    >
      <Card style={{ width: 380, boxShadow: '0 20px 60px rgba(0,0,0,.35)' }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>
          会员商城运营后台
        </Typography.Title>
        <Typography.Paragraph type='secondary' style={{ textAlign: 'center' }}>
          等级权益 · 储值 · 支付 · 门店导购
        </Typography.Paragraph>
        {error && <Alert type='error' message={error} showIcon style={{ marginBottom: 16 }} />}
        <Form layout='vertical' onFinish={submit} requiredMark={false}>
          <Form.Item name='username' label='用户名' rules={[{ required: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} placeholder='admin' autoComplete='username' />
          </Form.Item>
          <Form.Item name='password' label='密码' rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} placeholder='密码' autoComplete='current-password' />
          </Form.Item>
          <Button type='primary' htmlType='submit' block size='large' loading={loading} data-testid='login-submit'>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
