import { COMMUNITY_GROUP_TYPE_LABELS, describeSegment } from '@mall/shared';
import { CommunityGroup, CommunityInvitation, criteriaOf, GroupCode } from './community.entity';

export function toGroupView(g: CommunityGroup, coverUrl: string | null = null) {
  const criteria = criteriaOf(g);
  return {
    id: g.id,
    type: g.type,
    typeLabel: COMMUNITY_GROUP_TYPE_LABELS[g.type],
    name: g.name,
    description: g.description,
    coverUploadId: g.coverUploadId,
    coverUrl,
    criteria,
    criteriaText: criteria ? describeSegment(criteria) : '所有会员',
    capacity: g.capacity,
    endsAt: g.endsAt,
    nextGroupId: g.nextGroupId,
    perkCouponTemplateId: g.perkCouponTemplateId,
    welcomeText: g.welcomeText,
    enabled: g.enabled,
    handedOverAt: g.handedOverAt,
    createdAt: g.createdAt,
  };
}

export function toCodeView(c: GroupCode, now = new Date()) {
  return {
    id: c.id,
    groupId: c.groupId,
    kind: c.kind,
    imageUrl: c.imageUrl,
    label: c.label,
    capacity: c.capacity,
    used: c.used,
    expiresAt: c.expiresAt,
    expired: c.expiresAt.getTime() <= now.getTime(),
    full: c.used >= c.capacity,
  };
}

/** What a member sees of a group: no criteria, no pool. */
export function toMemberGroupView(g: CommunityGroup, coverUrl: string | null) {
  return {
    id: g.id,
    type: g.type,
    typeLabel: COMMUNITY_GROUP_TYPE_LABELS[g.type],
    name: g.name,
    description: g.description,
    coverUrl,
    endsAt: g.endsAt,
    welcomeText: g.welcomeText,
    hasPerk: g.perkCouponTemplateId !== null,
  };
}

export function toInvitationView(i: CommunityInvitation) {
  return {
    id: i.id,
    groupId: i.groupId,
    invitedAt: i.invitedAt,
    viewedAt: i.viewedAt,
    codeShownAt: i.codeShownAt,
    joinedAt: i.joinedAt,
    joinedVia: i.joinedVia,
  };
}
