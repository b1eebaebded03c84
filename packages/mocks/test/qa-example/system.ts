// The system under test: onboards an agent in Dixa (here, whatever DIXA_URL points to).
export async function onboardAgent(dixaUrl: string, apiKey: string, name: string, email: string) {
  const res = await fetch(`${dixaUrl}/v1/agents`, {
    method: "POST",
    headers: { authorization: apiKey, "content-type": "application/json" },
    body: JSON.stringify({ displayName: name, email }),
  });
  if (!res.ok) throw new Error(`Dixa answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { data: { id: string } }).data.id;
}
