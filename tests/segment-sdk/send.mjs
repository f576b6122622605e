// Sends a realistic session to Omnia with the real Segment Node SDK and reports what the SDK saw.
// Usage: OMNIA_HOST=http://127.0.0.1:PORT WRITE_KEY=wk_... RUN_ID=abc node send.mjs
import { Analytics } from '@segment/analytics-node'

const host = process.env.OMNIA_HOST
const writeKey = process.env.WRITE_KEY
const run = process.env.RUN_ID ?? 'run'
const errors = []
const analytics = new Analytics({ writeKey, host, flushAt: 5, flushInterval: 200, maxRetries: 2 })
analytics.on('error', (err) => errors.push(String(err?.reason ?? err?.message ?? err)))
const responses = []
analytics.on('http_request', (req) => responses.push({ url: req.url, method: req.method }))

const anonymousId = `anon-${run}`
const userId = `user-${run}`
const email = `Sam.${run}@Example.com`
const callback = (name) => (err) => { if (err) errors.push(`${name}: ${err}`) }

analytics.page({ anonymousId, name: 'Pricing', properties: { url: 'https://shop.example.com/pricing?utm_source=google&utm_medium=cpc&utm_campaign=sdk_test', path: '/pricing' } }, callback('page'))
analytics.track({ anonymousId, event: 'Product Viewed', properties: { sku: 'SKU-1', price: 49.5 } }, callback('track1'))
analytics.identify({ anonymousId, userId, traits: { email, name: 'Sam SDK', plan: 'pro' } }, callback('identify'))
analytics.track({ userId, event: 'Order Completed', properties: { order_id: `o-${run}`, revenue: 99.9, currency: 'USD' }, timestamp: new Date(Date.now() - 60_000) }, callback('track2'))
analytics.screen({ userId, name: 'Home', properties: { variation: 'blue' } }, callback('screen'))
analytics.group({ userId, groupId: `org-${run}`, traits: { name: 'Acme' } }, callback('group'))
analytics.alias({ userId, previousId: anonymousId }, callback('alias'))

await analytics.closeAndFlush({ timeout: 15000 })
console.log(JSON.stringify({ errors, requests: responses.length, anonymousId, userId, email }))
