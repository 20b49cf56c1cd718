/**
 * A reply link for a reader who left an address. Only a plain address (letters, digits and . _ % + -
 * before the @, a dotted host name after it) becomes a link, so no header or second recipient can ride
 * in on the contact field; the subject is percent-encoded.
 */
const PLAIN_ADDRESS = /^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})+$/;

export function replyMailto(contact: string | null, subject: string): string | undefined {
  const address = contact?.trim() ?? '';
  if (address.length > 254 || !PLAIN_ADDRESS.test(address)) return undefined;
  const at = address.lastIndexOf('@');
  const local = encodeURIComponent(address.slice(0, at));
  return `mailto:${local}@${address.slice(at + 1)}?subject=${encodeURIComponent(subject)}`;
}
