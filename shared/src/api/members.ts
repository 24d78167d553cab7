/** GET /api/admin/members rows, in a Page (query: page, pageSize, keyword = member id, phone digits or nickname). */
export interface AdminMemberListItem {
  id: number;
  nickname: string;
  phoneMasked: string | null;
  /** e.g. oABCDE…wxyz */
  openidMasked: string;
  createdAt: string;
  lastLoginAt: string | null;
}
