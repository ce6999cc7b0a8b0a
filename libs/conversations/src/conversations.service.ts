import { Injectable } from '@nestjs/common';
import type { ConversationMessageView, Page, PhrasebookView, ReportedMessageView, ThreadSummaryView } from '@tradebridge/contracts';
import { Actor, Database, DomainError, ErrorCode, EventLogRepository } from '@tradebridge/core';
import { EventAccess } from '@tradebridge/events';
import { phrase, PHRASE_CATEGORIES, PHRASES } from '@tradebridge/reference';
import { ConversationsRepository, MessageRow, ThreadOf } from './conversations.repository';

/** One message as sent: a phrase of the phrasebook by key, or free text (exactly one). */
export interface NewMessage {
  phraseKey?: string;
  text?: string;
}

/** A connection whose thread takes no new message (what it holds stays readable). */
const CLOSED = new Set(['declined', 'withdrawn', 'expired']);
export const MESSAGE_MAX_LENGTH = 2000;

/**
 * A message thread on each connection, opened at the request and kept after it
 * is accepted. Only the members of the two enterprises read and write it; staff
 * learn that messages exist (counts, and a content-free `message.sent` entry in
 * the log that also carries them live to the parties) and read a message only
 * once a party reported it. A phrase is stored by key and read in each reader's
 * language.
 */
@Injectable()
export class ConversationsService {
  constructor(
    private readonly db: Database,
    private readonly threads: ConversationsRepository,
    private readonly access: EventAccess,
    private readonly log: EventLogRepository,
  ) {}

  phrasebook(): PhrasebookView {
    return {
      categories: Object.entries(PHRASE_CATEGORIES).map(([key, name]) => ({ key, name })),
      items: PHRASES.map((p) => ({ key: p.key, category: p.category, text: p.text })),
    };
  }

  async send(actor: Actor, connectionId: string, input: NewMessage): Promise<ConversationMessageView> {
    const content = checkContent(input);
    return this.db.transaction(async (tx) => {
      const thread = await this.partyOnly(actor, connectionId, await this.threads.threadOf(connectionId, actor.userId, tx, true));
      const mine = thread.mine;
      if (CLOSED.has(thread.status)) {
        throw new DomainError(ErrorCode.THREAD_CLOSED, `The connection was ${thread.status}: its thread takes no new message`);
      }
      const message = { eventId: thread.eventId, connectionId, fromRegistrationId: mine, senderUserId: actor.userId, ...content };
      const { id, createdAt, senderName } = await this.threads.insert(tx, message);
      await this.log.append(tx, thread.eventId, {
        type: 'message.sent',
        // No content: the log is read by staff. The parties fetch the message from the thread.
        data: { connectionId, messageId: id, fromRegistrationId: mine },
        actorUserId: actor.userId,
        registrationIds: [thread.fromRegistrationId, thread.toRegistrationId],
      });
      return view({ ...message, id, createdAt, senderName, reported: false }, mine);
    });
  }

  /** The thread's messages after `afterId`, oldest first (the reader's place moves only by markRead). */
  async list(actor: Actor, connectionId: string, afterId: number, limit: number): Promise<Page<ConversationMessageView>> {
    const { mine } = await this.partyOnly(actor, connectionId, await this.threads.threadOf(connectionId, actor.userId));
    const { items, total } = await this.threads.list(connectionId, afterId, limit);
    return { items: items.map((m) => view(m, mine)), total };
  }

  async markRead(actor: Actor, connectionId: string, upTo?: number): Promise<void> {
    await this.partyOnly(actor, connectionId, await this.threads.threadOf(connectionId, actor.userId));
    await this.threads.markRead(connectionId, actor.userId, upTo);
  }

  /** A member's threads with their unread counts; for staff every thread of the event, counts only. */
  async summaries(actor: Actor, eventId: string): Promise<Page<ThreadSummaryView>> {
    const staff = (await this.access.roleOf(actor, eventId)) !== null;
    const items = await this.threads.summaries(eventId, staff ? null : actor.userId);
    return { items, total: items.length };
  }

  /** A party reports a message of the other party to the organizers, who may then read that message. */
  async report(actor: Actor, connectionId: string, messageId: number, reason: string | null): Promise<void> {
    await this.db.transaction(async (tx) => {
      const thread = await this.partyOnly(actor, connectionId, await this.threads.threadOf(connectionId, actor.userId, tx));
      const mine = thread.mine;
      const message = await this.threads.messageOf(connectionId, messageId, tx);
      if (!message) throw DomainError.notFound('Message', String(messageId));
      if (message.fromRegistrationId === mine) {
        throw DomainError.forbidden("That is your own enterprise's message: only the other party's can be reported");
      }
      if (await this.threads.report(tx, connectionId, messageId, actor.userId, reason)) {
        await this.log.append(tx, thread.eventId, { type: 'message.reported', data: { connectionId, messageId }, actorUserId: actor.userId });
      }
    });
  }

  async reported(actor: Actor, eventId: string): Promise<Page<ReportedMessageView>> {
    await this.access.require(actor, eventId);
    const items = await this.threads.reported(eventId);
    return { items, total: items.length };
  }

  /**
   * The reader's registration in the thread. Staff of the event are refused (403: they see
   * only that messages exist); anyone else is told the connection does not exist.
   */
  private async partyOnly(actor: Actor, connectionId: string, thread: ThreadOf | null): Promise<ThreadOf & { mine: string }> {
    if (thread?.mine) return { ...thread, mine: thread.mine };
    if (thread && (await this.access.roleOf(actor, thread.eventId)) !== null) {
      throw new DomainError(ErrorCode.NOT_A_PARTICIPANT, 'Only the two enterprises read their messages; staff see that they exist, and a message a party reported');
    }
    throw DomainError.notFound('Connection', connectionId);
  }
}

function checkContent(input: NewMessage): { phraseKey: string | null; text: string | null } {
  const text = input.text?.trim() ? input.text.trim() : undefined;
  if ((input.phraseKey === undefined) === (text === undefined)) {
    throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [
      { field: input.phraseKey === undefined ? 'text' : 'phraseKey', message: 'send either a phrase (phraseKey) or text, not both' },
    ]);
  }
  if (input.phraseKey !== undefined && !phrase(input.phraseKey)) {
    throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'phraseKey', message: `"${input.phraseKey}" is not a phrase of the phrasebook` }]);
  }
  if (text !== undefined && text.length > MESSAGE_MAX_LENGTH) {
    throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'text', message: `must be at most ${MESSAGE_MAX_LENGTH} characters` }]);
  }
  return { phraseKey: input.phraseKey ?? null, text: text ?? null };
}

function view(m: Omit<MessageRow, 'createdAt'> & { createdAt: Date }, mine: string): ConversationMessageView {
  return {
    id: m.id,
    connectionId: m.connectionId,
    fromRegistrationId: m.fromRegistrationId,
    mine: m.fromRegistrationId === mine,
    senderName: m.senderName,
    phraseKey: m.phraseKey,
    phrase: m.phraseKey ? (phrase(m.phraseKey)?.text ?? null) : null,
    text: m.text,
    createdAt: m.createdAt.toISOString(),
    reported: m.reported,
  };
}
