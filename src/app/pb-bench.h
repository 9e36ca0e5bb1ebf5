/* pb-bench.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void   pb_bench_mark_main       (void);
gint64 pb_bench_process_age_us  (void);
double pb_bench_cpu_ms          (void);
double pb_bench_thread_cpu_ms   (void);

G_END_DECLS
