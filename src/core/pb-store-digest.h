/* pb-store-digest.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pb-store.h"

G_BEGIN_DECLS

/* What the digest keeps in the database: one row per digest day, the papers
 * chosen for it, each recipient's delivery and a log of attempts. The
 * decisions live in pb-digest-run.c; this is only storage. */

typedef enum
{
  PB_DIGEST_STATE_SENDING,   /* claimed; a process is sending it now */
  PB_DIGEST_STATE_RETRY,     /* a temporary failure; try again at next_attempt_at */
  PB_DIGEST_STATE_SENT,      /* every recipient has it (or refused it for good) */
  PB_DIGEST_STATE_EMPTY,     /* nothing new; nothing was sent */
  PB_DIGEST_STATE_FAILED,    /* given up for that day */
} PbDigestState;

typedef struct
{
  char          *day;              /* YYYY-MM-DD, local */
  char          *since_day;        /* first list date the selection covers */
  PbDigestState  state;
  gint64         claimed_at;
  gint64         lease_until;
  gint64         retry_until;
  gint64         next_attempt_at;  /* 0 = none */
  guint          n_attempts;
  gboolean       delivered;
  gint64         finished_at;
  char          *message;          /* (nullable) */
} PbDigestRecord;

typedef enum
{
  PB_RECIPIENT_PENDING,
  PB_RECIPIENT_SENT,
  PB_RECIPIENT_REJECTED,
} PbRecipientState;

typedef struct
{
  char             *address;
  char             *message_id;
  PbRecipientState  state;
  gint64            sent_at;
} PbDigestRecipient;

typedef struct
{
  gint64  started_at;
  char   *day;           /* (nullable): %NULL for a digest sent by hand */
  char   *kind;          /* "scheduled", "manual" */
  char   *result;        /* "sent", "partial", "empty", "failed" */
  char   *error_kind;    /* (nullable): see pb_digest_error_kind() */
  char   *message;       /* (nullable): what happened, in words */
  guint   n_papers;
  guint   n_recipients;
  guint   n_delivered;
} PbDigestAttempt;

typedef struct
{
  const char          *since_day;
  const char          *until_day;
  int                  min_upvotes;
  const char * const  *keywords;      /* (nullable): any of them must match */
  guint                limit;
} PbDigestQuery;

void                pb_digest_record_free      (PbDigestRecord      *record);
void                pb_digest_recipient_free   (PbDigestRecipient   *recipient);
void                pb_digest_attempt_clear    (PbDigestAttempt     *attempt);
void                pb_digest_attempt_free     (PbDigestAttempt     *attempt);
const char         *pb_digest_state_to_string  (PbDigestState        state);

GPtrArray          *pb_store_select_digest_papers (PbStore              *self,
                                                   const PbDigestQuery  *query,
                                                   GError              **error);
PbDigestRecord     *pb_store_get_digest        (PbStore              *self,
                                                const char           *day,
                                                GError              **error);
char               *pb_store_dup_last_delivered_day (PbStore          *self,
                                                     const char       *before_day,
                                                     GError          **error);
gboolean            pb_store_save_digest       (PbStore              *self,
                                                const PbDigestRecord *record,
                                                GError              **error);
gboolean            pb_store_set_digest_papers (PbStore              *self,
                                                const char           *day,
                                                GPtrArray            *papers,
                                                GError              **error);
GPtrArray          *pb_store_dup_digest_papers (PbStore              *self,
                                                const char           *day,
                                                GError              **error);
gboolean            pb_store_save_digest_recipient (PbStore                 *self,
                                                    const char              *day,
                                                    const PbDigestRecipient *recipient,
                                                    GError                 **error);
GPtrArray          *pb_store_list_digest_recipients (PbStore         *self,
                                                     const char      *day,
                                                     GError         **error);
gboolean            pb_store_log_digest_attempt (PbStore               *self,
                                                 const PbDigestAttempt *attempt,
                                                 GError               **error);
GPtrArray          *pb_store_list_digest_attempts (PbStore           *self,
                                                   guint              limit,
                                                   GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbDigestRecord, pb_digest_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbDigestRecipient, pb_digest_recipient_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbDigestAttempt, pb_digest_attempt_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PbDigestAttempt, pb_digest_attempt_clear)

G_END_DECLS
