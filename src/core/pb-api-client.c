/* pb-api-client.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-api-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <math.h>
#include <string.h>

#include "pb-api-client.h"
#include "pb-parser.h"
#include "pb-text.h"

/**
 * PbApiClient:
 *
 * A polite client of the Hugging Face papers API: one `SoupSession` with a
 * real user agent, conditional requests, a connect timeout and a timeout on
 * the whole request, a cap on the size of an answer, and rate limits read
 * from `Retry-After` and `RateLimit`.
 *
 * A client belongs to the thread (and thread-default main context) that
 * first uses it, as its session does. Every failure is a #PbApiError whose
 * message is a sentence for the user; the details go to the debug log.
 */

struct _PbApiClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *base_url;
  double       timeout;    /* seconds, the whole request */
};

G_DEFINE_QUARK (pb-api-error-quark, pb_api_error)

G_DEFINE_FINAL_TYPE (PbApiClient, pb_api_client, G_TYPE_OBJECT)

#define READ_CHUNK (64 * 1024)
#define HTTP_TOO_MANY_REQUESTS 429  /* not among libsoup 3.2's names */

typedef struct
{
  SoupMessage  *message;
  GInputStream *stream;
  GByteArray   *body;
  gsize         max_body;
  PbApiExpect   expect;
  GCancellable *cancellable;       /* (owned): cancelled by the caller's or the timeout */
  GCancellable *caller_cancellable; /* (owned) (nullable) */
  gulong        cancelled_id;
  GSource      *timeout_source;    /* (owned) (nullable) */
  gboolean      timed_out;
  gint64        retry_at;
  guint64       n_bytes;
} Request;

static void
request_free (Request *request)
{
  if (request->timeout_source != NULL)
    {
      g_source_destroy (request->timeout_source);
      g_source_unref (request->timeout_source);
    }
  if (request->caller_cancellable != NULL)
    g_cancellable_disconnect (request->caller_cancellable, request->cancelled_id);
  g_clear_object (&request->caller_cancellable);
  g_clear_object (&request->cancellable);
  g_clear_object (&request->message);
  g_clear_object (&request->stream);
  g_clear_pointer (&request->body, g_byte_array_unref);
  g_free (request);
}

void
pb_api_response_free (PbApiResponse *response)
{
  if (response == NULL)
    return;

  g_free (response->url);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response->etag);
  g_free (response->last_modified);
  g_free (response);
}

static void
pb_api_client_finalize (GObject *object)
{
  PbApiClient *self = (PbApiClient *)object;

  g_clear_object (&self->session);
  g_free (self->base_url);

  G_OBJECT_CLASS (pb_api_client_parent_class)->finalize (object);
}

static void
pb_api_client_class_init (PbApiClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_api_client_finalize;
}

static void
pb_api_client_init (PbApiClient *self)
{
  self->timeout = PB_API_REQUEST_TIMEOUT;
}

/* Tests shorten the timeouts with PAPERBOY_HTTP_TIMEOUT (seconds). */
static double
timeout_from_environment (void)
{
  const char *env = g_getenv ("PAPERBOY_HTTP_TIMEOUT");
  double value;

  if (env == NULL || *env == '\0')
    return PB_API_REQUEST_TIMEOUT;

  value = g_ascii_strtod (env, NULL);
  if (!(value > 0 && value <= 3600))
    {
      g_warning ("Ignoring PAPERBOY_HTTP_TIMEOUT=%s: not a number of seconds", env);
      return PB_API_REQUEST_TIMEOUT;
    }

  return value;
}

static void
configure_session (PbApiClient *self)
{
  /* The session's own timeout covers connecting and each wait for data; the
   * whole request has a timer of its own. */
  guint io_timeout = (guint)ceil (MIN (self->timeout, PB_API_CONNECT_TIMEOUT));

  g_object_set (self->session, "timeout", MAX (io_timeout, 1u), NULL);
}

/**
 * pb_api_client_new:
 * @base_url: the API's address, such as `https://huggingface.co`
 *
 * Returns: (transfer full): a new client
 */
PbApiClient *
pb_api_client_new (const char *base_url)
{
  PbApiClient *self;

  g_return_val_if_fail (base_url != NULL, NULL);

  self = g_object_new (PB_TYPE_API_CLIENT, NULL);
  self->base_url = g_strdup (base_url);
  while (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';
  self->timeout = timeout_from_environment ();

  /* A trailing space makes libsoup append its own name and version. Four
   * connections, since a sync keeps at most four requests in flight. */
  self->session = soup_session_new_with_options ("user-agent", "Paperboy/" PACKAGE_VERSION " ",
                                                 "max-conns-per-host", 4,
                                                 NULL);
  configure_session (self);

  return self;
}

const char *
pb_api_client_get_base_url (PbApiClient *self)
{
  g_return_val_if_fail (PB_IS_API_CLIENT (self), NULL);
  return self->base_url;
}

double
pb_api_client_get_timeout (PbApiClient *self)
{
  g_return_val_if_fail (PB_IS_API_CLIENT (self), 0);
  return self->timeout;
}

/**
 * pb_api_client_set_timeout:
 * @seconds: the longest a whole request may take; connecting is also
 *   limited to %PB_API_CONNECT_TIMEOUT
 */
void
pb_api_client_set_timeout (PbApiClient *self,
                           double       seconds)
{
  g_return_if_fail (PB_IS_API_CLIENT (self));
  g_return_if_fail (seconds > 0);

  self->timeout = seconds;
  configure_session (self);
}

/**
 * pb_api_client_dup_daily_url:
 * @date: YYYY-MM-DD, the day the papers were listed
 * @page: from 0
 */
char *
pb_api_client_dup_daily_url (PbApiClient *self,
                             const char  *date,
                             guint        page)
{
  g_return_val_if_fail (PB_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (date != NULL, NULL);

  return g_strdup_printf ("%s/api/daily_papers?date=%s&p=%u&limit=%u",
                          self->base_url, date, page, PB_API_DAILY_PAGE_SIZE);
}

/**
 * pb_api_client_dup_trending_url:
 *
 * The trending list is a ranking of every paper, so only its first page is
 * asked for.
 */
char *
pb_api_client_dup_trending_url (PbApiClient *self)
{
  g_return_val_if_fail (PB_IS_API_CLIENT (self), NULL);

  return g_strdup_printf ("%s/api/daily_papers?sort=trending&p=0&limit=%u",
                          self->base_url, PB_API_TRENDING_PAGE_SIZE);
}

char *
pb_api_client_dup_paper_url (PbApiClient *self,
                             const char  *id)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (PB_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  escaped = g_uri_escape_string (id, NULL, FALSE);
  return g_strdup_printf ("%s/api/papers/%s", self->base_url, escaped);
}

static gint64
parse_ratelimit_reset (const char *ratelimit)
{
  gint64 reset = -1;

  /* RateLimit: "api";r=0;t=123 — possibly several policies, comma separated. */
  for (const char *p = ratelimit; p != NULL && (p = strstr (p, "t=")) != NULL; p += 2)
    {
      char *end = NULL;
      gint64 value;

      if (p != ratelimit && p[-1] != ';' && p[-1] != ' ')
        continue;
      value = g_ascii_strtoll (p + 2, &end, 10);
      if (end != p + 2 && value >= 0)
        reset = MAX (reset, value);
    }

  return reset;
}

/**
 * pb_api_parse_retry_after:
 * @retry_after: (nullable): the `Retry-After` header: seconds or an HTTP date
 * @ratelimit: (nullable): the `RateLimit` header, whose `t` is the seconds
 *   until the window resets
 * @now: unix seconds
 *
 * Returns: when the server allows the next request (unix seconds): the
 *   later of the two hints, %PB_API_DEFAULT_RATE_WAIT from @now without any,
 *   never more than %PB_API_MAX_RATE_WAIT away
 */
gint64
pb_api_parse_retry_after (const char *retry_after,
                          const char *ratelimit,
                          gint64      now)
{
  gint64 wait = -1;

  if (retry_after != NULL)
    {
      char *end = NULL;
      gint64 seconds = g_ascii_strtoll (retry_after, &end, 10);

      if (end != retry_after && *end == '\0' && seconds >= 0)
        wait = seconds;
      else
        {
          g_autoptr(GDateTime) date = soup_date_time_new_from_http_string (retry_after);

          if (date != NULL)
            wait = MAX (0, g_date_time_to_unix (date) - now);
        }
    }

  wait = MAX (wait, parse_ratelimit_reset (ratelimit));
  if (wait < 0)
    wait = PB_API_DEFAULT_RATE_WAIT;

  return now + MIN (wait, PB_API_MAX_RATE_WAIT);
}

static char *
format_clock (gint64 unix_time)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (unix_time);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (local == NULL)
    /* Translators: in "Hugging Face is unavailable until later" */
    return g_strdup (_("later"));
  if (g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now) &&
      g_date_time_get_year (local) == g_date_time_get_year (now))
    /* Translators: a time of today, as g_date_time_format() writes it */
    return g_date_time_format (local, _("%H:%M"));
  return pb_text_format_time (unix_time);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  Request *request = user_data;

  request->timed_out = TRUE;
  g_cancellable_cancel (request->cancellable);

  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled_cb (GCancellable *caller,
                        gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

/* Turns a transport error into the sentence the user sees. */
static void
return_transport_error (GTask  *task,
                        GError *error)
{
  PbApiClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) owned = error;
  g_autoptr(GUri) uri = g_uri_parse (self->base_url, G_URI_FLAGS_NONE, NULL);
  const char *host = uri ? g_uri_get_host (uri) : self->base_url;
  g_autofree char *url = g_uri_to_string (soup_message_get_uri (request->message));

  g_debug ("GET %s failed: %s", url, error->message);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && request->timed_out)
    g_task_return_new_error (task, PB_API_ERROR, PB_API_ERROR_TIMEOUT,
                             _("Hugging Face did not answer in time (waited %g s)"),
                             self->timeout);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&owned));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_task_return_new_error (task, PB_API_ERROR, PB_API_ERROR_TIMEOUT,
                             _("Hugging Face did not answer in time"));
  else if (g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_TOO_MANY_REDIRECTS))
    g_task_return_new_error (task, PB_API_ERROR, PB_API_ERROR_REDIRECTS,
                             _("Hugging Face sent Paperboy round in circles (a redirect loop)"));
  else if (error->domain == G_RESOLVER_ERROR)
    g_task_return_new_error (task, PB_API_ERROR, PB_API_ERROR_NETWORK,
                             _("Cannot find %s: the computer seems to be offline"), host);
  else if (error->domain == G_TLS_ERROR)
    g_task_return_new_error (task, PB_API_ERROR, PB_API_ERROR_TLS,
                             _("The secure connection to %1$s failed: %2$s"), host, error->message);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    g_task_return_new_error (task, PB_API_ERROR, PB_API_ERROR_NETWORK,
                             _("Cannot connect to %s: it refused the connection"), host);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE))
    g_task_return_new_error (task, PB_API_ERROR, PB_API_ERROR_NETWORK,
                             _("Cannot connect to %s: the computer seems to be offline"), host);
  else
    g_task_return_new_error (task, PB_API_ERROR, PB_API_ERROR_NETWORK,
                             _("The connection to %1$s broke: %2$s"), host, error->message);
}

static gboolean
is_json_type (const char *type)
{
  return type == NULL ||
         g_ascii_strcasecmp (type, "application/json") == 0 ||
         g_str_has_suffix (type, "+json");
}

/* An API refusal often carries {"error": "…"}, which says more than the
 * status line. */
static char *
dup_api_message (GBytes *body)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(PbParseResult) scratch = pb_parse_result_new ();
  g_autoptr(GError) error = NULL;
  gsize size = 0;
  const char *data = body ? g_bytes_get_data (body, &size) : NULL;

  if (data == NULL || size == 0 || size > 64 * 1024)
    return NULL;
  root = pb_parser_load (data, size, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  if (pb_parser_read_list (root, scratch, &error) ||
      !g_error_matches (error, PB_PARSER_ERROR, PB_PARSER_ERROR_API))
    return NULL;

  return g_strdup (error->message);
}

static void
return_status_error (GTask  *task,
                     GBytes *body)
{
  Request *request = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (request->message);
  guint status = soup_message_get_status (request->message);
  const char *reason = soup_message_get_reason_phrase (request->message);
  const char *retry_after = soup_message_headers_get_one (headers, "Retry-After");
  const char *ratelimit = soup_message_headers_get_one (headers, "RateLimit");
  g_autofree char *api_message = dup_api_message (body);

  if (status == HTTP_TOO_MANY_REQUESTS ||
      (status == SOUP_STATUS_SERVICE_UNAVAILABLE && (retry_after || ratelimit)))
    {
      g_autofree char *until = NULL;

      request->retry_at = pb_api_parse_retry_after (retry_after, ratelimit,
                                                    g_get_real_time () / G_USEC_PER_SEC);
      until = format_clock (request->retry_at);
      g_task_return_new_error (task, PB_API_ERROR, PB_API_ERROR_RATE_LIMITED,
                               status == HTTP_TOO_MANY_REQUESTS
                               /* Translators: %s is a time, or "later" */
                               ? _("Hugging Face asks Paperboy to slow down (rate limited) until %s")
                               /* Translators: %s is a time, or "later" */
                               : _("Hugging Face is unavailable until %s"), until);
    }
  else if (status >= 500)
    g_task_return_new_error (task, PB_API_ERROR, PB_API_ERROR_SERVER,
                             /* Translators: the HTTP status, such as "500 Internal Server Error" */
                             _("Hugging Face had a problem (HTTP %1$u %2$s)"), status,
                             reason ? reason : "");
  else if (status == SOUP_STATUS_NOT_FOUND)
    g_task_return_new_error (task, PB_API_ERROR, PB_API_ERROR_NOT_FOUND,
                             _("Hugging Face does not know this address (HTTP 404)"));
  else if (api_message != NULL)
    g_task_return_new_error (task, PB_API_ERROR, PB_API_ERROR_HTTP,
                             /* Translators: %s is the reason, in the words of Hugging Face */
                             _("Hugging Face refused the request: %s"), api_message);
  else
    g_task_return_new_error (task, PB_API_ERROR, PB_API_ERROR_HTTP,
                             _("Hugging Face refused the request (HTTP %1$u %2$s)"),
                             status, reason ? reason : "");
}

static void
finish_request (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (request->message);
  guint status = soup_message_get_status (request->message);
  g_autoptr(PbApiResponse) response = g_new0 (PbApiResponse, 1);
  const char *type;

  response->url = g_uri_to_string (soup_message_get_uri (request->message));
  response->status = status;
  response->n_bytes = request->n_bytes;
  if (request->body != NULL)
    response->body = g_byte_array_free_to_bytes (g_steal_pointer (&request->body));

  g_debug ("GET %s: HTTP %u, %" G_GUINT64_FORMAT " bytes", response->url, status,
           response->n_bytes);

  if (status == SOUP_STATUS_NOT_MODIFIED)
    {
      response->not_modified = TRUE;
      g_clear_pointer (&response->body, g_bytes_unref);
      g_task_return_pointer (task, g_steal_pointer (&response), (GDestroyNotify)pb_api_response_free);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      return_status_error (task, response->body);
      return;
    }

  type = soup_message_headers_get_content_type (headers, NULL);
  if (request->expect == PB_API_EXPECT_JSON && !is_json_type (type))
    {
      g_task_return_new_error (task, PB_API_ERROR, PB_API_ERROR_BAD_RESPONSE,
                               g_str_has_prefix (type, "text/html")
                               ? _("Hugging Face sent a web page instead of papers (a login page "
                                   "of the network or a proxy may be in the way)")
                               /* Translators: %s is a content type, such as "text/plain" */
                               : _("Hugging Face sent “%s” instead of papers"), type);
      return;
    }
  if (request->expect == PB_API_EXPECT_IMAGE && (type == NULL || !g_str_has_prefix (type, "image/")))
    {
      g_task_return_new_error (task, PB_API_ERROR, PB_API_ERROR_BAD_RESPONSE,
                               /* Translators: %s is a content type, such as "text/plain" */
                               _("The thumbnail is not an image (“%s”)"),
                               type ? type : _("unknown"));
      return;
    }

  response->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
  response->last_modified = g_strdup (soup_message_headers_get_one (headers, "Last-Modified"));

  g_task_return_pointer (task, g_steal_pointer (&response), (GDestroyNotify)pb_api_response_free);
}

static void
return_too_large (GTask *task)
{
  Request *request = g_task_get_task_data (task);

  g_task_return_new_error (task, PB_API_ERROR, PB_API_ERROR_TOO_LARGE,
                           _("Hugging Face sent more than %zu MiB for one request; Paperboy "
                             "stopped reading it"), request->max_body / (1024 * 1024));
}

static void read_next_chunk (GTask *task);

static void
on_chunk_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;
  gsize size;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      return_transport_error (task, error);
      return;
    }

  size = g_bytes_get_size (chunk);
  if (size == 0)
    {
      finish_request (task);
      return;
    }

  request->n_bytes += size;
  if (request->body->len + size > request->max_body)
    {
      return_too_large (task);
      return;
    }

  g_byte_array_append (request->body, g_bytes_get_data (chunk, NULL), size);
  read_next_chunk (g_steal_pointer (&task));
}

static void
read_next_chunk (GTask *task)
{
  Request *request = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (request->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   request->cancellable, on_chunk_read_cb, task);
}

static void
on_sent_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  GError *error = NULL;
  goffset length;

  request->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (request->stream == NULL)
    {
      return_transport_error (task, error);
      return;
    }

  if (soup_message_get_status (request->message) == SOUP_STATUS_NOT_MODIFIED)
    {
      finish_request (task);
      return;
    }

  /* Refuse a body announced as too large before reading any of it. */
  headers = soup_message_get_response_headers (request->message);
  length = soup_message_headers_get_content_length (headers);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      length > (goffset)request->max_body)
    {
      return_too_large (task);
      return;
    }

  request->body = g_byte_array_sized_new (length > 0 ? MIN ((gsize)length, request->max_body)
                                                     : READ_CHUNK);
  read_next_chunk (g_steal_pointer (&task));
}

/**
 * pb_api_client_get_async:
 * @url: an absolute address, usually from one of the `dup_*_url` functions
 * @etag: (nullable): sent as `If-None-Match`
 * @last_modified: (nullable): sent as `If-Modified-Since`
 * @expect: the kind of body accepted
 *
 * GETs @url. A 304 answer is a success with `not_modified` set.
 */
void
pb_api_client_get_async (PbApiClient         *self,
                         const char          *url,
                         const char          *etag,
                         const char          *last_modified,
                         PbApiExpect          expect,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SoupMessageHeaders *headers;
  Request *request;

  g_return_if_fail (PB_IS_API_CLIENT (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_api_client_get_async);

  request = g_new0 (Request, 1);
  request->expect = expect;
  request->max_body = expect == PB_API_EXPECT_IMAGE ? PB_API_MAX_IMAGE_BODY : PB_API_MAX_JSON_BODY;
  request->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, request, (GDestroyNotify)request_free);

  request->message = soup_message_new ("GET", url);
  if (request->message == NULL)
    {
      g_task_return_new_error (task, PB_API_ERROR, PB_API_ERROR_HTTP,
                               _("“%s” is not a web address Paperboy can use"), url);
      return;
    }

  headers = soup_message_get_request_headers (request->message);
  soup_message_headers_append (headers, "Accept",
                               expect == PB_API_EXPECT_JSON ? "application/json" : "image/*");
  if (etag != NULL)
    soup_message_headers_append (headers, "If-None-Match", etag);
  if (last_modified != NULL)
    soup_message_headers_append (headers, "If-Modified-Since", last_modified);

  if (cancellable != NULL)
    {
      request->caller_cancellable = g_object_ref (cancellable);
      request->cancelled_id = g_cancellable_connect (cancellable,
                                                     G_CALLBACK (on_caller_cancelled_cb),
                                                     request->cancellable, NULL);
    }

  request->timeout_source = g_timeout_source_new ((guint)(self->timeout * 1000));
  g_source_set_callback (request->timeout_source, on_timeout_cb, request, NULL);
  g_source_set_static_name (request->timeout_source, "[paperboy] request timeout");
  g_source_attach (request->timeout_source, g_main_context_get_thread_default ());

  soup_session_send_async (self->session, request->message, G_PRIORITY_DEFAULT,
                           request->cancellable, on_sent_cb, g_steal_pointer (&task));
}

/**
 * pb_api_client_get_finish:
 * @retry_at: (out) (optional): with %PB_API_ERROR_RATE_LIMITED, when the
 *   server allows the next request (unix seconds); 0 otherwise
 * @n_bytes: (out) (optional): body bytes received, also on failure
 *
 * Returns: (transfer full): the answer, or %NULL with @error set
 */
PbApiResponse *
pb_api_client_get_finish (PbApiClient   *self,
                          GAsyncResult  *result,
                          gint64        *retry_at,
                          guint64       *n_bytes,
                          GError       **error)
{
  Request *request;

  g_return_val_if_fail (PB_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  request = g_task_get_task_data (G_TASK (result));
  if (retry_at != NULL)
    *retry_at = request->retry_at;
  if (n_bytes != NULL)
    *n_bytes = request->n_bytes;

  return g_task_propagate_pointer (G_TASK (result), error);
}
