/* pb-scheduler.h
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

#define PB_TYPE_SCHEDULER (pb_scheduler_get_type ())

G_DECLARE_FINAL_TYPE (PbScheduler, pb_scheduler, PB, SCHEDULER, GObject)

#define PB_SCHEDULER_BACKOFF_BASE  (5 * 60)   /* seconds after a first failure */
#define PB_SCHEDULER_CLOCK_SLACK   (5 * 60)   /* a stored time further ahead means the clock went back */

/* What one due-check did in a tick. */
typedef struct
{
  const char   *name;          /* "sync", "digest" */
  const char   *label;         /* the name for people, translated */
  gboolean      due;
  gint64        due_at;        /* unix seconds; 0: never (turned off) */
  char         *skipped;       /* (nullable): why a due check did not run */
  gboolean      ran;
  char         *summary;       /* (nullable): what the run did, for people */
  GError       *error;         /* (nullable): the run failed */
  PbSyncResult   *sync_result;   /* (nullable): for "sync" */
  PbDigestReport *digest_report; /* (nullable): for "digest" */
} PbTickItem;

void         pb_tick_item_free          (PbTickItem          *item);

gint64       pb_scheduler_sync_due_at   (const PbSyncHistory *history,
                                         guint                interval_minutes,
                                         gint64               now);

PbScheduler *pb_scheduler_new           (const char          *db_path);
void         pb_scheduler_set_now       (PbScheduler         *self,
                                         gint64               now);
gint64       pb_scheduler_get_now       (PbScheduler         *self);
gboolean     pb_scheduler_get_next_sync (PbScheduler         *self,
                                         PbStore             *store,
                                         gint64              *due_at,
                                         GError             **error);
void         pb_scheduler_tick_async    (PbScheduler         *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GPtrArray   *pb_scheduler_tick_finish   (PbScheduler         *self,
                                         GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
