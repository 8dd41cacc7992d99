/** The nodemailer library, imported on the first connect rather than at module load. */
let nodemailer: Promise<typeof import('nodemailer')> | undefined;

export function loadNodemailer(): Promise<typeof import('nodemailer')> {
  return (nodemailer ??= import('nodemailer'));
}
