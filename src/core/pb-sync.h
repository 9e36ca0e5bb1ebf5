/* pb-sync.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pb-store.h"

G_BEGIN_DECLS

#define PB_TYPE_SYNC (pb_sync_get_type ())

G_DECLARE_FINAL_TYPE (PbSync, pb_sync, PB, SYNC, GObject)

#define PB_SYNC_ERROR (pb_sync_error_quark ())

typedef enum
{
  PB_SYNC_ERROR_BUSY,     /* another process is syncing */
  PB_SYNC_ERROR_INVALID,  /* the options make no sense */
} PbSyncError;

#define PB_SYNC_DEFAULT_DAYS    7
#define PB_SYNC_FIRST_DAYS      30
#define PB_SYNC_MAX_DAYS        3660
#define PB_SYNC_MAX_IN_FLIGHT   4
#define PB_SYNC_MAX_PAGES       20
#define PB_SYNC_LOCK_WAIT_MS    3000
#define PB_SYNC_MAX_THUMBNAILS  150

/* What one run did; the new ids are what a notification needs. */
typedef struct
{
  PbSyncOutcome  outcome;
  char          *error;            /* (nullable): in the user's words */
  GPtrArray     *failures;         /* (element-type utf8): every failed request, described */
  gint64         run_id;
  gint64         started_at;
  gint64         finished_at;
  gint64         retry_at;         /* 0, or when the server allows the next request */
  guint          n_new;
  guint          n_updated;
  guint          n_unchanged;
  guint          n_requests;
  guint          n_not_modified;
  guint          n_failed;
  guint          n_skipped;        /* requests not made: rate limited, offline, cancelled */
  guint          n_days;           /* daily lists saved (empty ones included) */
  guint          n_empty_days;
  guint64        n_bytes;
  guint          n_thumbnails;     /* thumbnails downloaded */
  gboolean       first_sync;       /* no successful sync had run before */
  char          *latest_date;      /* (nullable): the newest daily list with papers fetched */
  GPtrArray     *new_in_latest;    /* (element-type utf8): ids newly on that list */
  GPtrArray     *new_in_trending;  /* (element-type utf8): ids newly on the trending list */
} PbSyncResult;

GQuark        pb_sync_error_quark      (void);

void          pb_sync_result_free      (PbSyncResult        *result);

PbSync       *pb_sync_new              (const char          *db_path);
const char   *pb_sync_get_db_path      (PbSync              *self);
void          pb_sync_set_api_url      (PbSync              *self,
                                        const char          *url);
void          pb_sync_set_days         (PbSync              *self,
                                        guint                days);
gboolean      pb_sync_set_range        (PbSync              *self,
                                        const char          *from,
                                        const char          *to,
                                        GError             **error);
void          pb_sync_set_trending     (PbSync              *self,
                                        gboolean             trending);
void          pb_sync_set_daily_lists  (PbSync              *self,
                                        gboolean             daily);
void          pb_sync_set_paper_ids    (PbSync              *self,
                                        const char * const  *ids);
void          pb_sync_set_thumbnails   (PbSync              *self,
                                        gboolean             fetch,
                                        const char          *base,
                                        const char          *cache_dir);
void          pb_sync_set_trigger      (PbSync              *self,
                                        const char          *trigger);
void          pb_sync_set_lock_wait    (PbSync              *self,
                                        guint                wait_ms);
void          pb_sync_set_today        (PbSync              *self,
                                        const char          *today);

PbSyncResult *pb_sync_run              (PbSync              *self,
                                        GCancellable        *cancellable,
                                        GError             **error);
void          pb_sync_run_async        (PbSync              *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
PbSyncResult *pb_sync_run_finish       (PbSync              *self,
                                        GAsyncResult        *result,
                                        GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbSyncResult, pb_sync_result_free)

G_END_DECLS
