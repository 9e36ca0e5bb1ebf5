/* pb-store-monitor.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pb-store-worker.h"

G_BEGIN_DECLS

#define PB_TYPE_STORE_MONITOR (pb_store_monitor_get_type ())

G_DECLARE_FINAL_TYPE (PbStoreMonitor, pb_store_monitor, PB, STORE_MONITOR, GObject)

PbStoreMonitor *pb_store_monitor_new   (PbStoreWorker  *worker);
void            pb_store_monitor_check (PbStoreMonitor *self);

G_END_DECLS
