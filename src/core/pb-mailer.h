/* pb-mailer.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PB_MAILER_ERROR (pb_mailer_error_quark ())

/* Why a message was not sent, in the categories the user is told about. */
typedef enum
{
  PB_MAILER_ERROR_CONFIG,      /* settings that cannot work (no TLS to a remote host…) */
  PB_MAILER_ERROR_CONNECT,     /* cannot reach the server */
  PB_MAILER_ERROR_TLS,         /* TLS failed or the certificate is not trusted */
  PB_MAILER_ERROR_AUTH,        /* the server refused the user name or password */
  PB_MAILER_ERROR_SENDER,      /* the server refused the From address */
  PB_MAILER_ERROR_RECIPIENT,   /* the server refused the recipient */
  PB_MAILER_ERROR_TIMEOUT,     /* the server stopped answering */
  PB_MAILER_ERROR_REFUSED,     /* the server refused the message itself */
  PB_MAILER_ERROR_FAILED,
} PbMailerError;

typedef enum
{
  PB_SMTP_SECURITY_STARTTLS,   /* the values of the smtp-security setting */
  PB_SMTP_SECURITY_TLS,
  PB_SMTP_SECURITY_NONE,
} PbSmtpSecurity;

#define PB_TYPE_MAILER (pb_mailer_get_type ())

G_DECLARE_INTERFACE (PbMailer, pb_mailer, PB, MAILER, GObject)

struct _PbMailerInterface
{
  GTypeInterface parent_iface;

  gboolean (*send) (PbMailer      *self,
                    const char    *sender,
                    const char    *recipient,
                    GBytes        *message,
                    GCancellable  *cancellable,
                    GError       **error);
};

GQuark       pb_mailer_error_quark         (void);
gboolean     pb_mailer_error_is_temporary  (const GError  *error);
const char  *pb_mailer_error_kind          (const GError  *error);

gboolean     pb_mailer_send                (PbMailer      *self,
                                            const char    *sender,
                                            const char    *recipient,
                                            GBytes        *message,
                                            GCancellable  *cancellable,
                                            GError       **error);

gboolean     pb_host_is_loopback           (const char    *host);
gboolean     pb_mail_address_is_valid      (const char    *address);
gboolean     pb_mail_host_is_valid         (const char    *host);

#define PB_TYPE_SMTP_MAILER (pb_smtp_mailer_get_type ())

G_DECLARE_FINAL_TYPE (PbSmtpMailer, pb_smtp_mailer, PB, SMTP_MAILER, GObject)

PbSmtpMailer *pb_smtp_mailer_new           (const char    *host,
                                            guint          port,
                                            PbSmtpSecurity security);
void          pb_smtp_mailer_set_credentials (PbSmtpMailer *self,
                                              const char   *username,
                                              const char   *password);
void          pb_smtp_mailer_set_ca_file   (PbSmtpMailer  *self,
                                            const char    *ca_file);
void          pb_smtp_mailer_set_timeouts  (PbSmtpMailer  *self,
                                            guint          connect_seconds,
                                            guint          total_seconds);

G_END_DECLS
