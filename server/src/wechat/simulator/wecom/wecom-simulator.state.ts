import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';

export interface SimJoinWay {
  configId: string;
  scene: number;
  remark: string;
  autoCreateRoom: boolean;
  roomBaseName: string;
  roomBaseId: number;
  chatIds: string[];
  state: string;
}

export interface SimChatMember {
  userid: string;
  type: 1 | 2;
  join_time: number;
  join_scene: number;
  unionid?: string;
  state?: string;
}

export interface SimChat {
  chatId: string;
  name: string;
  owner: string;
  createTime: number;
  members: SimChatMember[];
  memberVersion: number;
}

/** A WeCom customer group holds at most this many people (real limit: 500; join ways move on at 200 by QR). */
export const SIM_ROOM_LIMIT = 200;

/** What the WeCom simulator remembers: tokens, join ways, customer group chats, contact ways. */
@Injectable()
export class WecomSimulatorState {
  readonly tokens = new Map<string, number>();
  readonly joinWays = new Map<string, SimJoinWay>();
  readonly chats = new Map<string, SimChat>();
  readonly contactWays = new Map<string, { configId: string; user: string[]; state: string }>();
  /** Every callback sent (for tests to replay or inspect). */
  readonly callbacks: { query: Record<string, string>; body: string; status: number }[] = [];

  issueToken(): { access_token: string; expires_in: number } {
    const token = randomBytes(24).toString('hex');
    this.tokens.set(token, Date.now() + 7200_000);
    return { access_token: token, expires_in: 7200 };
  }

  tokenValid(token: unknown): boolean {
    return typeof token === 'string' && (this.tokens.get(token) ?? 0) > Date.now();
  }

  newId(prefix: string): string {
    return `${prefix}${randomBytes(12).toString('hex')}`;
  }

  newChat(name: string, owner = 'sim-owner'): SimChat {
    const chat: SimChat = {
      chatId: this.newId('wr'),
      name,
      owner,
      createTime: Math.floor(Date.now() / 1000),
      members: [{ userid: owner, type: 1, join_time: Math.floor(Date.now() / 1000), join_scene: 1 }],
      memberVersion: 1,
    };
    this.chats.set(chat.chatId, chat);
    return chat;
  }
}
