/**
 * Stable API error codes and their HTTP status. The UI maps codes to Chinese
 * messages; the server also sends a Chinese `message` so any client can show it.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  /** The database refused a character of the input (NUL, a lone surrogate) no contract caught. */
  INVALID_CHARACTERS: 400,
  /** The database could not read a value of the input (a number, date, uuid or pattern). */
  INVALID_VALUE: 400,
  /** A number, date or length of the input is beyond what the database keeps. */
  VALUE_OUT_OF_RANGE: 400,
  CASE_INPUT_REQUIRED: 400,
  ATTACHMENT_TYPE_NOT_ALLOWED: 400,
  ATTACHMENT_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  LOGIN_FAILED: 401,
  SESSION_EXPIRED: 401,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  CASE_FORBIDDEN_FOR_ROLE: 403,
  CASE_NOT_RESPONSIBLE_UNIT: 403,
  CASE_SELF_VERIFY: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  CONFLICT: 409,
  STALE_VERSION: 409,
  CASE_ACTION_NOT_ALLOWED_IN_STATUS: 409,
  DUPLICATE: 409,
  LOGIN_THROTTLED: 429,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  /** A setting the action needs is missing (e.g. no monitoring line for the year). */
  SETTING_MISSING: 409,
  /** A citizen's report was already moderated (accepted, merged or rejected). */
  REPORT_ALREADY_MODERATED: 409,
  /** The reporter's "not fixed" is not possible now (case not closed, or the window has passed). */
  REPORT_REOPEN_NOT_ALLOWED: 409,
  /** A household procedure (识别/消除) is closed: no step may be taken. */
  PROCEDURE_CLOSED: 409,
  /** The step is done already or waits for earlier steps. */
  PROCEDURE_STEP_NOT_AVAILABLE: 409,
  /** The step belongs to another level's role. */
  PROCEDURE_FORBIDDEN_FOR_ROLE: 403,
  /** 风险消除 criteria are not met (the message lists each unmet criterion). */
  ELIMINATION_CRITERIA_UNMET: 409,
} as const;

export type TErrorCode = keyof typeof ERROR_STATUS;

/** The body of every error response. */
export interface TErrorBody {
  error: { code: TErrorCode; message: string; fields?: Record<string, string> };
}

