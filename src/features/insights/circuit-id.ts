/**
 * Circuit ids: the source has none, so each is the UUIDv5 (RFC 9562) of
 * "<sensor id>:<circuit number>" in the Energy Edge circuits namespace. The
 * same circuit gets the same id on every import, on every machine.
 */
export const CIRCUIT_NAMESPACE = "6f3c1e52-9d7a-5b8e-a1c4-2e9f0d8b7a61";

function uuidBytes(uuid: string): Uint8Array {
  const hex = uuid.replaceAll("-", "");
  return Uint8Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16));
}

function formatUuid(bytes: Uint8Array): string {
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export async function uuidV5(namespace: string, name: string): Promise<string> {
  const nameBytes = new TextEncoder().encode(name);
  const input = new Uint8Array(16 + nameBytes.length);
  input.set(uuidBytes(namespace), 0);
  input.set(nameBytes, 16);
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-1", input)).slice(0, 16);
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  return formatUuid(hash);
}

export function circuitId(sensorId: string, circuitNumber: number): Promise<string> {
  return uuidV5(CIRCUIT_NAMESPACE, `${sensorId.toLowerCase()}:${circuitNumber}`);
}
