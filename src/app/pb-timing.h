/* pb-timing.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void   pb_timing_mark_main       (void);
gint64 pb_timing_process_age_us  (void);
double pb_timing_cpu_ms          (void);
double pb_timing_thread_cpu_ms   (void);

G_END_DECLS
