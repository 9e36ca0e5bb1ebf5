/* pb-snapshot.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pb-store.h"

G_BEGIN_DECLS

gboolean  pb_snapshot_import         (PbStore   *store,
                                      guint     *n_papers,
                                      GError   **error);
gboolean  pb_snapshot_ensure         (PbStore   *store,
                                      gboolean  *imported,
                                      GError   **error);
gboolean  pb_snapshot_is_current     (PbStore   *store);
char     *pb_snapshot_dup_created    (PbStore   *store);
gboolean  pb_snapshot_set_synced     (PbStore   *store,
                                      GError   **error);

G_END_DECLS
