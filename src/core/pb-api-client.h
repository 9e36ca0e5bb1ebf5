/* pb-api-client.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PB_TYPE_API_CLIENT (pb_api_client_get_type ())

G_DECLARE_FINAL_TYPE (PbApiClient, pb_api_client, PB, API_CLIENT, GObject)

#define PB_API_ERROR (pb_api_error_quark ())

typedef enum
{
  PB_API_ERROR_NETWORK,       /* no connection: offline, unknown host, refused, broken */
  PB_API_ERROR_TLS,           /* the secure connection failed */
  PB_API_ERROR_TIMEOUT,       /* no complete answer in time */
  PB_API_ERROR_RATE_LIMITED,  /* 429, or 503 with Retry-After: wait until the given time */
  PB_API_ERROR_SERVER,        /* 5xx */
  PB_API_ERROR_NOT_FOUND,     /* 404 */
  PB_API_ERROR_HTTP,          /* another refusal */
  PB_API_ERROR_TOO_LARGE,     /* the body passed the cap */
  PB_API_ERROR_BAD_RESPONSE,  /* wrong content type, not JSON, an error object, not a list */
  PB_API_ERROR_REDIRECTS,     /* a redirect loop */
} PbApiError;

/* What a request accepts as an answer. */
typedef enum
{
  PB_API_EXPECT_JSON,
  PB_API_EXPECT_IMAGE,
} PbApiExpect;

#define PB_API_CONNECT_TIMEOUT   10                  /* seconds */
#define PB_API_REQUEST_TIMEOUT   30                  /* seconds, the whole request */
#define PB_API_MAX_JSON_BODY     (16 * 1024 * 1024)
#define PB_API_MAX_IMAGE_BODY    (4 * 1024 * 1024)
#define PB_API_DEFAULT_RATE_WAIT 300                 /* a 429 without a hint: the API's window */
#define PB_API_MAX_RATE_WAIT     (24 * 3600)

#define PB_API_DAILY_PAGE_SIZE    100
#define PB_API_TRENDING_PAGE_SIZE 50

typedef struct
{
  char    *url;
  guint    status;
  gboolean not_modified;    /* 304: the stored answer is still current */
  GBytes  *body;            /* (nullable): %NULL when not modified */
  char    *etag;            /* (nullable) */
  char    *last_modified;   /* (nullable) */
  guint64  n_bytes;         /* body bytes received */
} PbApiResponse;

GQuark         pb_api_error_quark           (void);

void           pb_api_response_free         (PbApiResponse       *response);

PbApiClient   *pb_api_client_new            (const char          *base_url);
const char    *pb_api_client_get_base_url   (PbApiClient         *self);
double         pb_api_client_get_timeout    (PbApiClient         *self);
void           pb_api_client_set_timeout    (PbApiClient         *self,
                                             double               seconds);
char          *pb_api_client_dup_daily_url  (PbApiClient         *self,
                                             const char          *date,
                                             guint                page);
char          *pb_api_client_dup_trending_url (PbApiClient       *self);
char          *pb_api_client_dup_paper_url  (PbApiClient         *self,
                                             const char          *id);

void           pb_api_client_get_async      (PbApiClient         *self,
                                             const char          *url,
                                             const char          *etag,
                                             const char          *last_modified,
                                             PbApiExpect          expect,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
PbApiResponse *pb_api_client_get_finish     (PbApiClient         *self,
                                             GAsyncResult        *result,
                                             gint64              *retry_at,
                                             guint64             *n_bytes,
                                             GError             **error);

gint64         pb_api_parse_retry_after     (const char          *retry_after,
                                             const char          *ratelimit,
                                             gint64               now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbApiResponse, pb_api_response_free)

G_END_DECLS
