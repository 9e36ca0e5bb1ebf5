/* pb-test-server.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How the server misbehaves for one list. */
typedef enum
{
  PB_FAULT_NONE,
  PB_FAULT_500,             /* Internal Server Error */
  PB_FAULT_429,             /* Too Many Requests, Retry-After: 120 and a RateLimit header */
  PB_FAULT_503_RATELIMIT,   /* Service Unavailable with RateLimit t=600 only */
  PB_FAULT_STALL,           /* headers and half the body, then silence */
  PB_FAULT_TRUNCATED,       /* the first half of the JSON, then the end */
  PB_FAULT_HUGE,            /* 50 MB announced by Content-Length */
  PB_FAULT_HUGE_CHUNKED,    /* 50 MB chunked, with no length given */
  PB_FAULT_ERROR_OBJECT,    /* {"error": "…"} with 200 */
  PB_FAULT_REDIRECT_LOOP,   /* 302 to itself */
  PB_FAULT_HTML,            /* a web page, text/html */
  PB_FAULT_NOT_A_LIST,      /* a JSON number */
} PbFault;

typedef struct _PbTestServer PbTestServer;

PbTestServer *pb_test_server_new              (const char    *fixtures_dir);
void          pb_test_server_free             (PbTestServer  *self);
const char   *pb_test_server_get_url          (PbTestServer  *self);
void          pb_test_server_set_fault        (PbTestServer  *self,
                                               const char    *key,
                                               PbFault        fault);
void          pb_test_server_set_list         (PbTestServer  *self,
                                               const char    *key,
                                               const char    *json);
void          pb_test_server_bump_upvotes     (PbTestServer  *self,
                                               const char    *key,
                                               int            delta);
void          pb_test_server_set_delay        (PbTestServer  *self,
                                               guint          delay_ms);
void          pb_test_server_set_validators   (PbTestServer  *self,
                                               gboolean       enabled);
void          pb_test_server_add_thumbnail    (PbTestServer  *self,
                                               const char    *id,
                                               gboolean       broken);
guint         pb_test_server_get_n_requests   (PbTestServer  *self,
                                               const char    *key);
guint         pb_test_server_get_n_status     (PbTestServer  *self,
                                               guint          status);
guint         pb_test_server_get_n_stalled    (PbTestServer  *self);
char         *pb_test_server_dup_user_agent   (PbTestServer  *self);
void          pb_test_server_release_stalled  (PbTestServer  *self);
void          pb_test_server_reset_counts     (PbTestServer  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbTestServer, pb_test_server_free)

G_END_DECLS
