/* pb-store-worker.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pb-store.h"

G_BEGIN_DECLS

#define PB_TYPE_STORE_WORKER (pb_store_worker_get_type ())

G_DECLARE_FINAL_TYPE (PbStoreWorker, pb_store_worker, PB, STORE_WORKER, GObject)

/* Jobs for the worker thread. Higher priority first (smaller number, as in
 * GLib); equal priorities in the order they were queued. */
#define PB_STORE_WORKER_PRIORITY_USER      G_PRIORITY_HIGH     /* opening a paper, a star */
#define PB_STORE_WORKER_PRIORITY_VISIBLE   G_PRIORITY_DEFAULT  /* rows on screen */
#define PB_STORE_WORKER_PRIORITY_PREFETCH  G_PRIORITY_LOW      /* rows about to be */

/**
 * PbStoreWorkerFunc:
 * @store: the worker's own connection
 * @data: the job's data
 * @cancellable: (nullable): the job's cancellable
 * @error: where to put a failure
 *
 * Runs on the worker thread. Returns the job's result, which is handed to
 * the caller through pb_store_worker_run_finish(); %NULL with @error set is
 * a failure.
 */
typedef gpointer (*PbStoreWorkerFunc) (PbStore       *store,
                                       gpointer       data,
                                       GCancellable  *cancellable,
                                       GError       **error);

PbStoreWorker *pb_store_worker_new         (const char          *path,
                                            gboolean             ensure_snapshot);
const char    *pb_store_worker_get_path    (PbStoreWorker       *self);
void           pb_store_worker_run_async   (PbStoreWorker       *self,
                                            int                  priority,
                                            PbStoreWorkerFunc    func,
                                            gpointer             data,
                                            GDestroyNotify       data_free,
                                            GDestroyNotify       result_free,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gpointer       pb_store_worker_run_finish  (PbStoreWorker       *self,
                                            GAsyncResult        *result,
                                            GError             **error);
void           pb_store_worker_shutdown    (PbStoreWorker       *self);

G_END_DECLS
