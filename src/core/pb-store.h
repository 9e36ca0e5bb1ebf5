/* pb-store.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pb-paper.h"
#include "pb-parser.h"

G_BEGIN_DECLS

#define PB_TYPE_STORE (pb_store_get_type ())

G_DECLARE_FINAL_TYPE (PbStore, pb_store, PB, STORE, GObject)

#define PB_STORE_ERROR (pb_store_error_quark ())

typedef enum
{
  PB_STORE_ERROR_OPEN,
  PB_STORE_ERROR_NOT_A_DATABASE,
  PB_STORE_ERROR_NEWER_SCHEMA,
  PB_STORE_ERROR_BUSY,
  PB_STORE_ERROR_FULL,
  PB_STORE_ERROR_FAILED,
  PB_STORE_ERROR_NOT_FOUND,
  PB_STORE_ERROR_INVALID,
} PbStoreError;

/* Which list a set of papers came from. */
typedef enum
{
  PB_LIST_NONE,
  PB_LIST_DAILY,
  PB_LIST_TRENDING,
} PbListKind;

typedef enum
{
  PB_SCOPE_DAY,
  PB_SCOPE_WEEK,
  PB_SCOPE_MONTH,
  PB_SCOPE_TRENDING,
  PB_SCOPE_ALL,
} PbScope;

typedef enum
{
  PB_SORT_DEFAULT,   /* rank for trending, upvotes otherwise */
  PB_SORT_UPVOTES,
  PB_SORT_DATE,
  PB_SORT_COMMENTS,
  PB_SORT_STARS,
  PB_SORT_RANK,
} PbSort;

typedef enum
{
  PB_FILTER_NONE           = 0,
  PB_FILTER_STARRED        = 1 << 0,
  PB_FILTER_UNREAD         = 1 << 1,
  PB_FILTER_INCLUDE_HIDDEN = 1 << 2,
} PbFilter;

typedef struct
{
  PbScope     scope;
  const char *date;      /* (nullable): a day of the scope; NULL for the latest list */
  PbSort      sort;
  PbFilter    filter;
} PbListQuery;

/* What one merge did. Counts add up over several merges. */
typedef struct
{
  guint n_new;
  guint n_updated;
  guint n_unchanged;
  guint n_listed;      /* list entries added or moved */
} PbMergeStats;

#define PB_STORE_SCHEMA_VERSION 4

/* How a sync run ended. */
typedef enum
{
  PB_SYNC_OUTCOME_RUNNING,      /* not ended (yet) */
  PB_SYNC_OUTCOME_OK,           /* every request succeeded */
  PB_SYNC_OUTCOME_PARTIAL,      /* some requests failed, the others were saved */
  PB_SYNC_OUTCOME_FAILED,       /* nothing could be fetched */
  PB_SYNC_OUTCOME_CANCELLED,    /* stopped on purpose */
  PB_SYNC_OUTCOME_INTERRUPTED,  /* the process died during the run */
} PbSyncOutcome;

/* One row of the sync log. */
typedef struct
{
  gint64         id;
  gint64         started_at;      /* unix seconds */
  gint64         finished_at;     /* 0 while running */
  PbSyncOutcome  outcome;
  char          *trigger;         /* manual, scheduled, window */
  guint          n_new;
  guint          n_updated;
  guint          n_requests;
  guint          n_not_modified;
  guint          n_failed;
  guint64        n_bytes;
  char          *error;           /* (nullable): the first failure, in the user's words */
  gint64         retry_at;        /* 0, or the time before which the server wants no request */
} PbSyncRun;

/* What the scheduler and status need to know about past runs. */
typedef struct
{
  PbSyncRun *last;              /* (nullable): the last ended run, cancelled ones left out */
  PbSyncRun *last_ok;           /* (nullable): the last run that saved everything */
  PbSyncRun *last_failure;      /* (nullable): the last run that failed at least in part */
  guint      n_failures;        /* failed, partial or interrupted runs since the last good one */
} PbSyncHistory;

/* Validators of one address, for conditional requests. */
typedef struct
{
  char *etag;           /* (nullable) */
  char *last_modified;  /* (nullable) */
  guint n_items;        /* items the stored answer held */
} PbHttpValidators;

GQuark      pb_store_error_quark            (void);

char       *pb_store_dup_default_path       (void);
PbStore    *pb_store_open                   (const char          *path,
                                             GError             **error);
const char *pb_store_get_path               (PbStore             *self);
int         pb_store_get_schema_version     (PbStore             *self);

gboolean    pb_store_begin                  (PbStore             *self,
                                             gboolean             bulk,
                                             GError             **error);
gboolean    pb_store_commit                 (PbStore             *self,
                                             GError             **error);
void        pb_store_rollback               (PbStore             *self);

gboolean    pb_store_merge                  (PbStore             *self,
                                             GPtrArray           *papers,
                                             PbListKind           kind,
                                             const char          *list_date,
                                             PbMergeStats        *stats,
                                             GError             **error);

gboolean    pb_store_record_import          (PbStore             *self,
                                             const char          *source,
                                             const char          *kind,
                                             guint                n_items,
                                             guint                n_skipped,
                                             const PbMergeStats  *stats,
                                             GError             **error);
gint64      pb_store_count_papers           (PbStore             *self,
                                             GError             **error);
char       *pb_store_dup_meta               (PbStore             *self,
                                             const char          *key);
gboolean    pb_store_set_meta               (PbStore             *self,
                                             const char          *key,
                                             const char          *value,
                                             GError             **error);

PbPaper    *pb_store_get_paper              (PbStore             *self,
                                             const char          *id,
                                             GError             **error);
GPtrArray  *pb_store_list                   (PbStore             *self,
                                             const PbListQuery   *query,
                                             guint                offset,
                                             guint                limit,
                                             GError             **error);
gint64      pb_store_count                  (PbStore             *self,
                                             const PbListQuery   *query,
                                             GError             **error);
gboolean    pb_store_resolve_scope         (PbStore             *self,
                                             PbScope              scope,
                                             const char          *date,
                                             char               **first_day,
                                             char               **last_day,
                                             GError             **error);
char       *pb_store_dup_latest_list_date   (PbStore             *self,
                                             const char          *on_or_before,
                                             GError             **error);
char       *pb_store_dup_next_list_date     (PbStore             *self,
                                             const char          *date,
                                             int                  direction,
                                             GError             **error);
gint64      pb_store_get_trending_fetched_at (PbStore            *self);

GPtrArray  *pb_store_search                 (PbStore             *self,
                                             const char          *text,
                                             guint                limit,
                                             GError             **error);
gint64      pb_store_search_count           (PbStore             *self,
                                             const char          *text,
                                             GError             **error);
GHashTable *pb_store_match_keywords         (PbStore             *self,
                                             GPtrArray           *ids,
                                             const char * const  *keywords,
                                             GError             **error);

gboolean    pb_store_set_starred            (PbStore             *self,
                                             const char          *id,
                                             gboolean             starred,
                                             GError             **error);
gboolean    pb_store_set_read               (PbStore             *self,
                                             const char          *id,
                                             gboolean             read,
                                             GError             **error);
gboolean    pb_store_set_hidden             (PbStore             *self,
                                             const char          *id,
                                             gboolean             hidden,
                                             GError             **error);

gint64      pb_store_get_data_version       (PbStore             *self);
gboolean    pb_store_check_integrity        (PbStore             *self,
                                             GError             **error);

const char *pb_sync_outcome_to_string      (PbSyncOutcome        outcome);
void        pb_sync_run_free                (PbSyncRun           *run);
void        pb_sync_history_clear           (PbSyncHistory       *history);
void        pb_http_validators_clear        (PbHttpValidators    *validators);

gint64      pb_store_begin_sync_run         (PbStore             *self,
                                             const char          *trigger,
                                             GError             **error);
gboolean    pb_store_end_sync_run           (PbStore             *self,
                                             const PbSyncRun     *run,
                                             GError             **error);
gboolean    pb_store_get_sync_history       (PbStore             *self,
                                             PbSyncHistory       *history,
                                             GError             **error);
GPtrArray  *pb_store_list_sync_runs         (PbStore             *self,
                                             guint                limit,
                                             GError             **error);
gboolean    pb_store_get_validators         (PbStore             *self,
                                             const char          *url,
                                             PbHttpValidators    *validators,
                                             GError             **error);
gboolean    pb_store_set_validators         (PbStore             *self,
                                             const char          *url,
                                             const PbHttpValidators *validators,
                                             GError             **error);
gboolean    pb_store_record_fetched_day     (PbStore             *self,
                                             const char          *list_date,
                                             guint                n_papers,
                                             GError             **error);
gint64      pb_store_get_day_fetched_at     (PbStore             *self,
                                             const char          *list_date);
GPtrArray  *pb_store_list_ids               (PbStore             *self,
                                             PbListKind           kind,
                                             const char          *list_date,
                                             GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbSyncRun, pb_sync_run_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PbSyncHistory, pb_sync_history_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PbHttpValidators, pb_http_validators_clear)

G_END_DECLS
