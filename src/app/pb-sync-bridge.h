/* pb-sync-bridge.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pb-store-worker.h"

G_BEGIN_DECLS

#define PB_TYPE_SYNC_BRIDGE (pb_sync_bridge_get_type ())

G_DECLARE_FINAL_TYPE (PbSyncBridge, pb_sync_bridge, PB, SYNC_BRIDGE, GObject)

#define PB_SYNC_BRIDGE_ERROR (pb_sync_bridge_error_quark ())

typedef enum
{
  PB_SYNC_BRIDGE_ERROR_FAILED,   /* the sync saved nothing */
  PB_SYNC_BRIDGE_ERROR_PARTIAL,  /* the sync saved only some lists */
} PbSyncBridgeError;

GQuark        pb_sync_bridge_error_quark           (void);

PbSyncBridge *pb_sync_bridge_new                   (PbStoreWorker        *worker,
                                                    GNetworkMonitor      *network_monitor,
                                                    GSettings            *settings);
void          pb_sync_bridge_set_application       (PbSyncBridge         *self,
                                                    GApplication         *application);
gboolean      pb_sync_bridge_get_busy              (PbSyncBridge         *self);
gboolean      pb_sync_bridge_get_network_available (PbSyncBridge         *self);
gint64        pb_sync_bridge_get_last_updated      (PbSyncBridge         *self);
gboolean      pb_sync_bridge_get_snapshot          (PbSyncBridge         *self);
const char   *pb_sync_bridge_get_snapshot_date     (PbSyncBridge         *self);
void          pb_sync_bridge_update_status         (PbSyncBridge         *self);
void          pb_sync_bridge_cancel                (PbSyncBridge         *self);
void          pb_sync_bridge_refresh_async         (PbSyncBridge         *self,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean      pb_sync_bridge_refresh_finish        (PbSyncBridge         *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
void          pb_sync_bridge_refresh_if_stale_async (PbSyncBridge        *self,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean      pb_sync_bridge_refresh_if_stale_finish (PbSyncBridge       *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
void          pb_sync_bridge_fetch_paper_async     (PbSyncBridge         *self,
                                                    const char           *id,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean      pb_sync_bridge_fetch_paper_finish    (PbSyncBridge         *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

G_END_DECLS
