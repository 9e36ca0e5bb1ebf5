/* pb-notify.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pb-digest.h"
#include "pb-store.h"
#include "pb-sync.h"

G_BEGIN_DECLS

/* Notification ids: one per subject, so that a newer notification replaces
 * the older one of the same subject. */
#define PB_NOTICE_NEW_TRENDING  "new-papers-trending"
#define PB_NOTICE_NEW_DAILY     "new-papers-daily"
#define PB_NOTICE_DIGEST        "digest-failed"

#define PB_NOTICE_MAX_TITLES    2   /* papers named in the body */

/* The meta key remembering the digest failure last told about. */
#define PB_NOTIFY_META_DIGEST   "notified-digest-failure"

typedef struct
{
  char     *label;
  char     *action;   /* "app.open-paper" */
  GVariant *target;   /* (nullable) */
} PbNoticeButton;

/* What to tell the user: a GNotification as plain data, to test and log. */
typedef struct
{
  char                  *id;
  char                  *title;
  char                  *body;      /* (nullable) */
  char                  *action;    /* the default action, "app.show-view" */
  GVariant              *target;    /* (nullable): of the default action */
  GPtrArray             *buttons;   /* (element-type PbNoticeButton) */
  GNotificationPriority  priority;
} PbNotice;

/* A new paper as a notification names it. */
typedef struct
{
  char *id;
  char *title;
  char *keyword;   /* (nullable): the first digest keyword it matches */
} PbNoticePaper;

typedef enum
{
  PB_NOTIFY_NOTHING,    /* nothing to send or withdraw */
  PB_NOTIFY_SEND,       /* send the notice */
  PB_NOTIFY_WITHDRAW,   /* the problem told about is over: withdraw it */
} PbNotifyStep;

void            pb_notice_free              (PbNotice              *notice);
void            pb_notice_paper_free        (PbNoticePaper         *paper);
GNotification  *pb_notice_to_notification   (const PbNotice        *notice);

/* After a sync. */
PbListKind      pb_notify_pick_list         (const PbSyncResult    *result,
                                             GPtrArray            **ids);
GPtrArray      *pb_notify_collect_papers    (PbStore               *store,
                                             GPtrArray             *ids,
                                             const char * const    *keywords,
                                             GError               **error);
PbNotice       *pb_notice_new_for_papers    (PbListKind             kind,
                                             GPtrArray             *papers);
gboolean        pb_notify_sync_wanted       (const PbSyncResult    *result,
                                             GSettings             *settings,
                                             char                ***keywords);
PbNotice       *pb_notice_new_for_sync      (PbStore               *store,
                                             const PbSyncResult    *result,
                                             const char * const    *keywords,
                                             GError               **error);

/* After a scheduled digest. */
char           *pb_notify_dup_digest_key    (const PbDigestReport  *report);
PbNotice       *pb_notice_new_for_digest    (const PbDigestReport  *report);
PbNotifyStep    pb_notify_decide_digest     (PbStore               *store,
                                             const PbDigestReport  *report,
                                             PbNotice             **notice,
                                             GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbNotice, pb_notice_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbNoticePaper, pb_notice_paper_free)

G_END_DECLS
