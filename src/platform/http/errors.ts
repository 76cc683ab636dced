/** Errors a service may throw; the error handler turns each into a page or a problem response. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly title: string,
    message: string,
  ) {
    super(message);
  }
}

export class NotFoundError extends HttpError {
  constructor(message = 'The page or record you asked for does not exist.') {
    super(404, 'Page not found', message);
  }
}

export class ForbiddenError extends HttpError {
  constructor(
    message: string,
    /** The person whose record was refused, when break-glass may be offered. */
    readonly breakGlassPersonId: string | null = null,
  ) {
    super(403, 'You do not have access', message);
  }
}

export class BadRequestError extends HttpError {
  constructor(message: string) {
    super(400, 'There is a problem with your request', message);
  }
}

/** A problem with one field of a form, refused by a service: the form shows it beside that field. */
export class FieldProblem extends BadRequestError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** An update named a version that is no longer current: someone else changed the record first. */
export class ConflictError extends HttpError {
  constructor(
    message: string,
    readonly current?: unknown,
  ) {
    super(409, 'This record was changed by someone else', message);
  }
}

/** A step the record's state does not allow (an illegal transition): nothing was changed. */
export class StateError extends HttpError {
  constructor(message: string) {
    super(409, 'This cannot be done at this stage', message);
  }
}
