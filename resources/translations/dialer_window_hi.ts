<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="hi">
<context>
    <name>ContactDialog</name>
    <message>
        <source>Edit contact</source>
        <translation>संपर्क बदलें</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>नया संपर्क</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>नाम</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>ज़रूरी</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>नाम (&amp;N)</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>कंपनी</translation>
    </message>
    <message>
        <source>&amp;Company</source>
        <translation>कंपनी (&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Favorite</source>
        <translation>पसंदीदा (&amp;F)</translation>
    </message>
    <message>
        <source>N&amp;umbers</source>
        <translation>नंबर (&amp;U)</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>नोट्स</translation>
    </message>
    <message>
        <source>No&amp;tes</source>
        <translation>नोट्स (&amp;T)</translation>
    </message>
    <message>
        <source>extra_params for this contact</source>
        <translation>इस संपर्क के extra_params</translation>
    </message>
    <message>
        <source>Optional, e.g. {&quot;crm_id&quot;: 4711}</source>
        <translation>वैकल्पिक, जैसे {&quot;crm_id&quot;: 4711}</translation>
    </message>
    <message>
        <source>A JSON object sent with calls to this contact, over the global extra_params</source>
        <translation>इस संपर्क को की गई कॉल के साथ भेजा जाने वाला JSON ऑब्जेक्ट, जो सामान्य extra_params के ऊपर लागू होता है</translation>
    </message>
    <message>
        <source>e&amp;xtra_params</source>
        <translation>extra_params (&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>सहेजें (&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>रद्द करें</translation>
    </message>
    <message>
        <source>&amp;Add number</source>
        <translation>नंबर जोड़ें (&amp;A)</translation>
    </message>
    <message>
        <source>Number {n}: {reason}.</source>
        <translation>नंबर {n}: {reason}।</translation>
    </message>
    <message>
        <source>Number {n} is the same as number {first}.</source>
        <translation>नंबर {n} और नंबर {first} एक ही हैं।</translation>
    </message>
    <message>
        <source>Add at least one phone number.</source>
        <translation>कम से कम एक फ़ोन नंबर जोड़ें।</translation>
    </message>
    <message>
        <source>✓ valid JSON object</source>
        <translation>✓ सही JSON ऑब्जेक्ट</translation>
    </message>
    <message>
        <source>Enter a name.</source>
        <translation>नाम लिखें।</translation>
    </message>
</context>
<context>
    <name>ContactsFlow</name>
    <message numerus="yes">
        <source>Exported {count} calls to {path}.</source>
        <translation>
            <numerusform>{count} कॉल {path} में निर्यात की गईं।</numerusform>
            <numerusform>{count} कॉल {path} में निर्यात की गईं।</numerusform>
        </translation>
    </message>
    <message>
        <source>Export failed: {reason}</source>
        <translation>निर्यात नहीं हो सका: {reason}</translation>
    </message>
    <message>
        <source>Saved {name}.</source>
        <translation>{name} सहेजा गया।</translation>
    </message>
    <message>
        <source>Import contacts</source>
        <translation>संपर्क आयात करें</translation>
    </message>
    <message>
        <source>Contacts (*.csv *.tsv *.txt *.vcf *.vcard);;All files (*)</source>
        <translation>संपर्क (*.csv *.tsv *.txt *.vcf *.vcard);;सभी फ़ाइलें (*)</translation>
    </message>
    <message numerus="yes">
        <source>Imported {count} new contacts</source>
        <translation>
            <numerusform>{count} नए संपर्क आयात हुए</numerusform>
            <numerusform>{count} नए संपर्क आयात हुए</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>merged {count} duplicates.</source>
        <translation>
            <numerusform>{count} दोहराए गए संपर्क मिलाए गए।</numerusform>
            <numerusform>{count} दोहराए गए संपर्क मिलाए गए।</numerusform>
        </translation>
    </message>
    <message>
        <source>Import cancelled; nothing was saved.</source>
        <translation>आयात रद्द हुआ; कुछ भी सहेजा नहीं गया।</translation>
    </message>
    <message>
        <source>Export contacts</source>
        <translation>संपर्क निर्यात करें</translation>
    </message>
    <message>
        <source>CSV for Excel (*.csv);;vCard (*.vcf *.vcard)</source>
        <translation>Excel के लिए CSV (*.csv);;vCard (*.vcf *.vcard)</translation>
    </message>
    <message numerus="yes">
        <source>Exported {count} contacts to {path}.</source>
        <translation>
            <numerusform>{count} संपर्क {path} में निर्यात हुए।</numerusform>
            <numerusform>{count} संपर्क {path} में निर्यात हुए।</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{count} contacts</source>
        <translation>
            <numerusform>{count} संपर्क</numerusform>
            <numerusform>{count} संपर्क</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{count} calls</source>
        <translation>
            <numerusform>{count} कॉल</numerusform>
            <numerusform>{count} कॉल</numerusform>
        </translation>
    </message>
    <message>
        <source>Deleted {name}.</source>
        <translation>{name} हटाया गया।</translation>
    </message>
    <message numerus="yes">
        <source>Deleted {count} contacts.</source>
        <translation>
            <numerusform>{count} संपर्क हटाए गए।</numerusform>
            <numerusform>{count} संपर्क हटाए गए।</numerusform>
        </translation>
    </message>
    <message>
        <source>cannot be read ({reason})</source>
        <translation>पढ़ा नहीं जा सकता ({reason})</translation>
    </message>
</context>
<context>
    <name>ContactsPanel</name>
    <message>
        <source>Search contacts</source>
        <translation>संपर्क खोजें</translation>
    </message>
    <message>
        <source>Search name, company or number</source>
        <translation>नाम, कंपनी या नंबर खोजें</translation>
    </message>
    <message>
        <source>Add contact…</source>
        <translation>संपर्क जोड़ें…</translation>
    </message>
    <message>
        <source>Import contacts…</source>
        <translation>संपर्क आयात करें…</translation>
    </message>
    <message>
        <source>Export contacts…</source>
        <translation>संपर्क निर्यात करें…</translation>
    </message>
    <message>
        <source>Restore from backup…</source>
        <translation>बैकअप से वापस लाएँ…</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>संपर्क</translation>
    </message>
    <message>
        <source>Enter calls the selected contact; Delete deletes it; Menu key for more</source>
        <translation>Enter चुने गए संपर्क को कॉल करता है; Delete उसे हटाता है; और विकल्पों के लिए Menu कुंजी</translation>
    </message>
    <message>
        <source>No contacts yet. Add one, or import a CSV or vCard file.</source>
        <translation>अभी कोई संपर्क नहीं है। एक जोड़ें, या CSV या vCard फ़ाइल आयात करें।</translation>
    </message>
    <message>
        <source>No contact matches “{query}”.</source>
        <translation>“{query}” से कोई संपर्क नहीं मिलता।</translation>
    </message>
    <message numerus="yes">
        <source>{count} contacts</source>
        <translation>
            <numerusform>{count} संपर्क</numerusform>
            <numerusform>{count} संपर्क</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of {count} contacts</source>
        <translation>
            <numerusform>{count} में से {shown} संपर्क</numerusform>
            <numerusform>{count} में से {shown} संपर्क</numerusform>
        </translation>
    </message>
    <message>
        <source>Call (&amp;softphone)</source>
        <translation>कॉल करें – सॉफ़्टफ़ोन (&amp;S)</translation>
    </message>
    <message>
        <source>Call (&amp;mobile)</source>
        <translation>कॉल करें – मोबाइल (&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Copy number</source>
        <translation>नंबर कॉपी करें (&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>बदलें (&amp;E)…</translation>
    </message>
    <message>
        <source>Remove from &amp;favorites</source>
        <translation>पसंदीदा से हटाएँ (&amp;F)</translation>
    </message>
    <message>
        <source>Add to &amp;favorites</source>
        <translation>पसंदीदा में जोड़ें (&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>हटाएँ (&amp;D)</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Delete {count} contacts</source>
        <translation>
            <numerusform>{count} संपर्क हटाएँ (&amp;D)</numerusform>
            <numerusform>{count} संपर्क हटाएँ (&amp;D)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CoreText</name>
    <message>
        <source>Empty number</source>
        <translation>नंबर खाली है</translation>
    </message>
    <message>
        <source>Letters are not allowed in a phone number</source>
        <translation>फ़ोन नंबर में अक्षर नहीं हो सकते</translation>
    </message>
    <message>
        <source>Too short to be a phone number</source>
        <translation>फ़ोन नंबर के लिए बहुत छोटा है</translation>
    </message>
    <message>
        <source>Too long to be a phone number</source>
        <translation>फ़ोन नंबर के लिए बहुत लंबा है</translation>
    </message>
    <message>
        <source>Unknown country code</source>
        <translation>अज्ञात देश कोड</translation>
    </message>
    <message>
        <source>No country code: start the number with + or choose a default country</source>
        <translation>देश कोड नहीं है: नंबर + से शुरू करें या डिफ़ॉल्ट देश चुनें</translation>
    </message>
    <message>
        <source>A &apos;+&apos; can only appear at the start of a number</source>
        <translation>&apos;+&apos; केवल नंबर की शुरुआत में आ सकता है</translation>
    </message>
    <message>
        <source>Extension is too long</source>
        <translation>एक्सटेंशन बहुत लंबा है</translation>
    </message>
    <message>
        <source>Not a phone number</source>
        <translation>यह फ़ोन नंबर नहीं है</translation>
    </message>
    <message>
        <source>The default country is not a known country code</source>
        <translation>डिफ़ॉल्ट देश का कोड ज्ञात नहीं है</translation>
    </message>
    <message>
        <source>Unexpected character {character} in a phone number</source>
        <translation>फ़ोन नंबर में अनपेक्षित अक्षर {character}</translation>
    </message>
    <message>
        <source>Wrong number of digits for {country}</source>
        <translation>{country} के लिए अंकों की संख्या गलत है</translation>
    </message>
    <message>
        <source>Missing area code for {country}</source>
        <translation>{country} के लिए एरिया कोड नहीं है</translation>
    </message>
    <message>
        <source>Not a valid number for {country}</source>
        <translation>{country} के लिए मान्य नंबर नहीं है</translation>
    </message>
    <message>
        <source>Extension {extension}: click2call cannot dial it; call the main number and ask for it</source>
        <translation>एक्सटेंशन {extension}: click2call इसे डायल नहीं कर सकता; मुख्य नंबर पर कॉल करके इसे माँगें</translation>
    </message>
    <message>
        <source>{number} ext. {extension}: click2call cannot dial an extension. Call {main} and ask for extension {same_extension}, or use the extension&apos;s own direct number.</source>
        <translation>{number} एक्सटेंशन {extension}: click2call एक्सटेंशन डायल नहीं कर सकता। {main} पर कॉल करें और एक्सटेंशन {same_extension} माँगें, या एक्सटेंशन का अपना सीधा नंबर इस्तेमाल करें।</translation>
    </message>
    <message>
        <source>Cannot call an empty number: {reason}</source>
        <translation>खाली नंबर पर कॉल नहीं हो सकती: {reason}</translation>
    </message>
    <message>
        <source>Cannot call {number}: {reason}</source>
        <translation>{number} पर कॉल नहीं हो सकती: {reason}</translation>
    </message>
    <message>
        <source>{label} was called {ago}; nothing was sent, so the phone does not ring twice.</source>
        <translation>{label} को {ago} कॉल किया गया था; कुछ नहीं भेजा गया, ताकि फ़ोन दो बार न बजे।</translation>
    </message>
    <message>
        <source>{label} was not called: {reason}</source>
        <translation>{label} को कॉल नहीं किया गया: {reason}</translation>
    </message>
    <message>
        <source>less than a second ago</source>
        <translation>एक सेकंड से भी कम समय पहले</translation>
    </message>
    <message>
        <source>1 second ago</source>
        <translation>1 सेकंड पहले</translation>
    </message>
    <message>
        <source>{count} seconds ago</source>
        <translation>{count} सेकंड पहले</translation>
    </message>
    <message>
        <source>{count} minutes ago</source>
        <translation>{count} मिनट पहले</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>बात हुई</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>जवाब नहीं मिला</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>व्यस्त</translation>
    </message>
    <message>
        <source>Voicemail</source>
        <translation>वॉइसमेल</translation>
    </message>
    <message>
        <source>Wrong number</source>
        <translation>गलत नंबर</translation>
    </message>
    <message>
        <source>Call back at…</source>
        <translation>बाद में कॉल करें…</translation>
    </message>
    <message>
        <source>Do not call</source>
        <translation>कॉल न करें</translation>
    </message>
    <message>
        <source>Called: what happened? (1–7)</source>
        <translation>कॉल हुई: क्या हुआ? (1–7)</translation>
    </message>
    <message>
        <source>Not called yet</source>
        <translation>अभी कॉल नहीं हुई</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>नाम</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>नंबर</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>स्थिति</translation>
    </message>
    <message>
        <source>Blocked: {reason}</source>
        <translation>रोका गया: {reason}</translation>
    </message>
    <message>
        <source>the number is on the do-not-call list.</source>
        <translation>यह नंबर कॉल न करें सूची में है।</translation>
    </message>
    <message>
        <source>the number is on the do-not-call list ({details}).</source>
        <translation>यह नंबर कॉल न करें सूची में है ({details})।</translation>
    </message>
    <message>
        <source>the number is on the team&apos;s do-not-call list ({source}).</source>
        <translation>यह नंबर टीम की कॉल न करें सूची में है ({source})।</translation>
    </message>
    <message>
        <source>the number is on the team&apos;s do-not-call list ({source}): {note}.</source>
        <translation>यह नंबर टीम की कॉल न करें सूची में है ({source}): {note}।</translation>
    </message>
    <message>
        <source>the do-not-call list cannot be read ({problem}).</source>
        <translation>कॉल न करें सूची पढ़ी नहीं जा सकी ({problem})।</translation>
    </message>
    <message>
        <source>the do-not-call list is still loading; try again in a moment.</source>
        <translation>कॉल न करें सूची अभी लोड हो रही है; थोड़ी देर में फिर कोशिश करें।</translation>
    </message>
    <message>
        <source>outside calling hours {window}: it is {now} their time ({place}). Calling opens at {opens} their time, in {wait}.</source>
        <translation>कॉल करने के समय {window} से बाहर: उनके यहाँ अभी {now} बजे हैं ({place})। कॉल उनके समय से {opens} बजे खुलेगी, {wait} में।</translation>
    </message>
    <message>
        <source>it was called {times} today already, and the limit is {limit} a day (Settings › Compliance); it can be called again tomorrow.</source>
        <translation>इसे आज पहले ही {times} कॉल किया जा चुका है, और सीमा दिन में {limit} है (सेटिंग्स › अनुपालन); कल फिर कॉल किया जा सकता है।</translation>
    </message>
    <message>
        <source>Not dialable</source>
        <translation>डायल नहीं हो सकता</translation>
    </message>
    <message>
        <source>To call again</source>
        <translation>फिर से कॉल करनी है</translation>
    </message>
    <message>
        <source>Call back {when}</source>
        <translation>{when} को फिर कॉल करें</translation>
    </message>
    <message>
        <source>{done} / {total} done</source>
        <translation>{total} में से {done} पूरे</translation>
    </message>
    <message>
        <source>1 call back</source>
        <translation>1 कॉल बैक</translation>
    </message>
    <message>
        <source>{count} call backs</source>
        <translation>{count} कॉल बैक</translation>
    </message>
    <message>
        <source>{count} blocked</source>
        <translation>{count} रोके गए</translation>
    </message>
    <message>
        <source>{count} not dialable</source>
        <translation>{count} डायल नहीं हो सकते</translation>
    </message>
    <message>
        <source>between {first} and {last} their time ({zones})</source>
        <translation>उनके यहाँ {first} से {last} के बीच ({zones})</translation>
    </message>
    <message>
        <source>{time} their time ({place})</source>
        <translation>उनके यहाँ {time} ({place})</translation>
    </message>
    <message>
        <source>{count} time zones</source>
        <translation>{count} टाइम ज़ोन</translation>
    </message>
    <message>
        <source>The app secret was rejected. Enter the correct app secret for this user id (Settings › Account, or `dialer-app credentials set`).</source>
        <translation>ऐप सीक्रेट अस्वीकार हुआ। इस यूज़र ID का सही ऐप सीक्रेट दर्ज करें (सेटिंग्स › खाता, या `dialer-app credentials set`)।</translation>
    </message>
    <message>
        <source>The user id is not known to TeleCMI. Check the user id in Settings › Account (it looks like 101_1111112).</source>
        <translation>TeleCMI इस यूज़र ID को नहीं पहचानता। सेटिंग्स › खाता में यूज़र ID जाँचें (यह 101_1111112 जैसी दिखती है)।</translation>
    </message>
    <message>
        <source>A proxy between this computer and TeleCMI asks for authentication (HTTP 407 from the proxy, not from TeleCMI). Set the proxy credentials in Settings › Connection or ask your IT team.</source>
        <translation>इस कंप्यूटर और TeleCMI के बीच का प्रॉक्सी लॉग-इन माँग रहा है (HTTP 407 प्रॉक्सी से, TeleCMI से नहीं)। सेटिंग्स › कनेक्शन में प्रॉक्सी की जानकारी डालें या अपनी IT टीम से पूछें।</translation>
    </message>
    <message>
        <source>TeleCMI had a server error (HTTP {code}). The call was probably not placed; try again in a moment.</source>
        <translation>TeleCMI के सर्वर में गड़बड़ी हुई (HTTP {code})। कॉल शायद नहीं लगी; थोड़ी देर में फिर कोशिश करें।</translation>
    </message>
    <message>
        <source>The server answered &apos;not found&apos; (HTTP 404) without a TeleCMI answer. Check the API base URL in Settings › Connection.</source>
        <translation>सर्वर ने TeleCMI के जवाब के बिना &apos;नहीं मिला&apos; (HTTP 404) कहा। सेटिंग्स › कनेक्शन में API base URL जाँचें।</translation>
    </message>
    <message>
        <source>The server answered with unexpected code {code} (HTTP {status}). Check the API base URL and any proxy in the way.</source>
        <translation>सर्वर ने अनपेक्षित कोड {code} (HTTP {status}) भेजा। API base URL और बीच में लगे किसी प्रॉक्सी को जाँचें।</translation>
    </message>
    <message>
        <source>The server answered HTTP {status} but not with JSON, so it is not clear whether the call was placed. Check the API base URL and any proxy in the way.</source>
        <translation>सर्वर ने HTTP {status} भेजा पर JSON में नहीं, इसलिए पता नहीं कि कॉल लगी या नहीं। API base URL और बीच में लगे किसी प्रॉक्सी को जाँचें।</translation>
    </message>
    <message>
        <source>Could not connect to {host} within {seconds} s. Check the internet connection, firewall or proxy.</source>
        <translation>{seconds} सेकंड में {host} से जुड़ नहीं सके। इंटरनेट कनेक्शन, फ़ायरवॉल या प्रॉक्सी जाँचें।</translation>
    </message>
    <message>
        <source>The proxy refused to connect to {host}. Check the proxy settings (Settings › Connection) or ask your IT team.</source>
        <translation>प्रॉक्सी ने {host} से जुड़ने से मना किया। प्रॉक्सी सेटिंग्स (सेटिंग्स › कनेक्शन) जाँचें या अपनी IT टीम से पूछें।</translation>
    </message>
    <message>
        <source>Could not find {host} (DNS lookup failed). Check the internet connection and the API base URL.</source>
        <translation>{host} नहीं मिला (DNS लुकअप नहीं हुआ)। इंटरनेट कनेक्शन और API base URL जाँचें।</translation>
    </message>
    <message>
        <source>Could not connect to {host} (connection refused or network unreachable). Check the internet connection and the API base URL.</source>
        <translation>{host} से जुड़ नहीं सके (कनेक्शन मना हुआ या नेटवर्क तक पहुँच नहीं)। इंटरनेट कनेक्शन और API base URL जाँचें।</translation>
    </message>
    <message>
        <source>{host} did not answer within {seconds} s. The call may still have been placed: check your phone before calling again.</source>
        <translation>{host} ने {seconds} सेकंड में जवाब नहीं दिया। हो सकता है कॉल फिर भी लग गई हो: दोबारा कॉल करने से पहले अपना फ़ोन देखें।</translation>
    </message>
    <message>
        <source>The connection to {host} broke before its answer arrived. The call may still have been placed: check your phone before calling again.</source>
        <translation>{host} का जवाब आने से पहले कनेक्शन टूट गया। हो सकता है कॉल फिर भी लग गई हो: दोबारा कॉल करने से पहले अपना फ़ोन देखें।</translation>
    </message>
    <message>
        <source>TeleCMI rejected the request: {reason}.</source>
        <translation>TeleCMI ने अनुरोध अस्वीकार किया: {reason}।</translation>
    </message>
    <message>
        <source>Unexpected problem ({error}); see the log.</source>
        <translation>अनपेक्षित समस्या ({error}); लॉग देखें।</translation>
    </message>
    <message>
        <source>The server&apos;s answer has no request_id, so the call cannot be confirmed.</source>
        <translation>सर्वर के जवाब में request_id नहीं है, इसलिए कॉल की पुष्टि नहीं हो सकती।</translation>
    </message>
</context>
<context>
    <name>DialKey</name>
    <message>
        <source>0, hold for +</source>
        <translation>0, + के लिए दबाए रखें</translation>
    </message>
</context>
<context>
    <name>DialerApp</name>
    <message>
        <source>&amp;Contacts</source>
        <translation>संपर्क (&amp;C)</translation>
    </message>
    <message>
        <source>Hi&amp;story</source>
        <translation>इतिहास (&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Lists</source>
        <translation>सूचियाँ (&amp;L)</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Time</source>
        <translation>समय</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>संपर्क</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>विवरण</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>नतीजा</translation>
    </message>
    <message>
        <source>Local time of the call</source>
        <translation>कॉल का स्थानीय समय</translation>
    </message>
    <message>
        <source>Contact or number</source>
        <translation>संपर्क या नंबर</translation>
    </message>
    <message>
        <source>Softphone or mobile</source>
        <translation>सॉफ़्टफ़ोन या मोबाइल</translation>
    </message>
    <message>
        <source>Request id, or why the call failed</source>
        <translation>Request ID, या कॉल क्यों नहीं हुई</translation>
    </message>
    <message>
        <source>Jan</source>
        <translation>जन॰</translation>
    </message>
    <message>
        <source>Feb</source>
        <translation>फ़र॰</translation>
    </message>
    <message>
        <source>Mar</source>
        <translation>मार्च</translation>
    </message>
    <message>
        <source>Apr</source>
        <translation>अप्रैल</translation>
    </message>
    <message>
        <source>May</source>
        <translation>मई</translation>
    </message>
    <message>
        <source>Jun</source>
        <translation>जून</translation>
    </message>
    <message>
        <source>Jul</source>
        <translation>जुल॰</translation>
    </message>
    <message>
        <source>Aug</source>
        <translation>अग॰</translation>
    </message>
    <message>
        <source>Sep</source>
        <translation>सित॰</translation>
    </message>
    <message>
        <source>Oct</source>
        <translation>अक्टू॰</translation>
    </message>
    <message>
        <source>Nov</source>
        <translation>नव॰</translation>
    </message>
    <message>
        <source>Dec</source>
        <translation>दिस॰</translation>
    </message>
    <message>
        <source>January</source>
        <translation>जनवरी</translation>
    </message>
    <message>
        <source>February</source>
        <translation>फ़रवरी</translation>
    </message>
    <message>
        <source>March</source>
        <translation>मार्च</translation>
    </message>
    <message>
        <source>April</source>
        <translation>अप्रैल</translation>
    </message>
    <message>
        <source>June</source>
        <translation>जून</translation>
    </message>
    <message>
        <source>July</source>
        <translation>जुलाई</translation>
    </message>
    <message>
        <source>August</source>
        <translation>अगस्त</translation>
    </message>
    <message>
        <source>September</source>
        <translation>सितंबर</translation>
    </message>
    <message>
        <source>October</source>
        <translation>अक्टूबर</translation>
    </message>
    <message>
        <source>November</source>
        <translation>नवंबर</translation>
    </message>
    <message>
        <source>December</source>
        <translation>दिसंबर</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>सोमवार</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>मंगलवार</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>बुधवार</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>गुरुवार</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>शुक्रवार</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>शनिवार</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>रविवार</translation>
    </message>
    <message>
        <source>Initiated</source>
        <translation>शुरू हुई</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>नहीं हुई</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>रद्द</translation>
    </message>
    <message>
        <source>Softphone</source>
        <translation>सॉफ़्टफ़ोन</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>मोबाइल</translation>
    </message>
    <message>
        <source>Sandbox, no real call · {detail}</source>
        <translation>सैंडबॉक्स, असली कॉल नहीं · {detail}</translation>
    </message>
    <message>
        <source>On the built-in sandbox: no real call was placed.</source>
        <translation>अंतर्निहित सैंडबॉक्स पर: कोई असली कॉल नहीं की गई।</translation>
    </message>
    <message>
        <source>{outcome} (sandbox)</source>
        <translation>{outcome} (सैंडबॉक्स)</translation>
    </message>
    <message>
        <source>All</source>
        <translation>सभी</translation>
    </message>
    <message>
        <source>Caller ID: {caller_id}</source>
        <translation>कॉलर ID: {caller_id}</translation>
    </message>
    <message>
        <source>Request id: {id}</source>
        <translation>Request ID: {id}</translation>
    </message>
    <message>
        <source>Call history panel</source>
        <translation>कॉल इतिहास पैनल</translation>
    </message>
    <message>
        <source>Search call history</source>
        <translation>कॉल इतिहास खोजें</translation>
    </message>
    <message>
        <source>Search calls</source>
        <translation>कॉल खोजें</translation>
    </message>
    <message>
        <source>Show calls by outcome</source>
        <translation>नतीजे के अनुसार कॉल दिखाएँ</translation>
    </message>
    <message>
        <source>&amp;Export history…</source>
        <translation>इतिहास निर्यात करें (&amp;E)…</translation>
    </message>
    <message>
        <source>Export the call history to a CSV file</source>
        <translation>कॉल इतिहास को CSV फ़ाइल में निर्यात करें</translation>
    </message>
    <message>
        <source>Export history</source>
        <translation>इतिहास निर्यात करें</translation>
    </message>
    <message>
        <source>Call history</source>
        <translation>कॉल इतिहास</translation>
    </message>
    <message>
        <source>Enter calls the selected number again; Ctrl+C copies it; Menu key for more</source>
        <translation>Enter चुने गए नंबर पर फिर कॉल करता है; Ctrl+C उसे कॉपी करता है; और विकल्पों के लिए Menu कुंजी</translation>
    </message>
    <message numerus="yes">
        <source>{count} calls</source>
        <translation>
            <numerusform>{count} कॉल</numerusform>
            <numerusform>{count} कॉल</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of {count} calls</source>
        <translation>
            <numerusform>{count} में से {shown} कॉल</numerusform>
            <numerusform>{count} में से {shown} कॉल</numerusform>
        </translation>
    </message>
    <message>
        <source>No calls yet.</source>
        <translation>अभी कोई कॉल नहीं हुई।</translation>
    </message>
    <message>
        <source>No initiated call matches “{query}”.</source>
        <translation>“{query}” से कोई शुरू हुई कॉल नहीं मिलती।</translation>
    </message>
    <message>
        <source>No failed call matches “{query}”.</source>
        <translation>“{query}” से कोई असफल कॉल नहीं मिलती।</translation>
    </message>
    <message>
        <source>No call matches “{query}”.</source>
        <translation>“{query}” से कोई कॉल नहीं मिलती।</translation>
    </message>
    <message>
        <source>No initiated calls.</source>
        <translation>कोई शुरू हुई कॉल नहीं।</translation>
    </message>
    <message>
        <source>No failed calls.</source>
        <translation>कोई असफल कॉल नहीं।</translation>
    </message>
    <message>
        <source>Call history actions</source>
        <translation>कॉल इतिहास के विकल्प</translation>
    </message>
    <message>
        <source>&amp;Redial (softphone)</source>
        <translation>फिर से कॉल करें – सॉफ़्टफ़ोन (&amp;R)</translation>
    </message>
    <message>
        <source>Redial (&amp;mobile)</source>
        <translation>फिर से कॉल करें – मोबाइल (&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Add to contacts…</source>
        <translation>संपर्कों में जोड़ें (&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Copy number</source>
        <translation>नंबर कॉपी करें (&amp;C)</translation>
    </message>
    <message>
        <source>Copy request &amp;id</source>
        <translation>Request ID कॉपी करें (&amp;I)</translation>
    </message>
    <message>
        <source>Export call history</source>
        <translation>कॉल इतिहास निर्यात करें</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV फ़ाइलें (*.csv);;सभी फ़ाइलें (*)</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Ignore</source>
        <translation>अनदेखा करें</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>नाम</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>पहला नाम</translation>
    </message>
    <message>
        <source>Middle name</source>
        <translation>बीच का नाम</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>उपनाम</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>कंपनी</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>नोट्स</translation>
    </message>
    <message>
        <source>Phone (mobile)</source>
        <translation>फ़ोन (मोबाइल)</translation>
    </message>
    <message>
        <source>Phone (work)</source>
        <translation>फ़ोन (ऑफ़िस)</translation>
    </message>
    <message>
        <source>Phone (home)</source>
        <translation>फ़ोन (घर)</translation>
    </message>
    <message>
        <source>Phone (main)</source>
        <translation>फ़ोन (मुख्य)</translation>
    </message>
    <message>
        <source>Phone (fax)</source>
        <translation>फ़ोन (फ़ैक्स)</translation>
    </message>
    <message>
        <source>Phone (other)</source>
        <translation>फ़ोन (अन्य)</translation>
    </message>
    <message>
        <source>Favorite</source>
        <translation>पसंदीदा</translation>
    </message>
    <message>
        <source>extra_params (JSON)</source>
        <translation>extra_params (JSON)</translation>
    </message>
    <message>
        <source>comma-separated</source>
        <translation>कॉमा से अलग</translation>
    </message>
    <message>
        <source>semicolon-separated</source>
        <translation>सेमीकोलन से अलग</translation>
    </message>
    <message>
        <source>tab-separated</source>
        <translation>टैब से अलग</translation>
    </message>
    <message>
        <source>separated by vertical bars</source>
        <translation>खड़ी रेखा (|) से अलग</translation>
    </message>
    <message>
        <source>Import contacts</source>
        <translation>संपर्क आयात करें</translation>
    </message>
    <message>
        <source>&lt;b&gt;{file}&lt;/b&gt; · vCard file</source>
        <translation>&lt;b&gt;{file}&lt;/b&gt; · vCard फ़ाइल</translation>
    </message>
    <message>
        <source>header row</source>
        <translation>हेडर पंक्ति है</translation>
    </message>
    <message>
        <source>no header row</source>
        <translation>हेडर पंक्ति नहीं है</translation>
    </message>
    <message>
        <source>&lt;b&gt;{file}&lt;/b&gt; · CSV ({facts})</source>
        <translation>&lt;b&gt;{file}&lt;/b&gt; · CSV ({facts})</translation>
    </message>
    <message>
        <source>Choose what each column holds; the first rows of the file are shown below.</source>
        <translation>चुनें कि हर कॉलम में क्या है; फ़ाइल की शुरुआती पंक्तियाँ नीचे दिखाई गई हैं।</translation>
    </message>
    <message>
        <source>Every card becomes a contact with its name, company, notes and phone numbers (their labels are kept). Cards without a usable phone number are skipped and listed when the import ends. A card sharing a number with a contact of the same name is merged into it; one of another name is kept as a contact of its own. Nothing is saved if the import is cancelled.</source>
        <translation>हर कार्ड अपने नाम, कंपनी, नोट्स और फ़ोन नंबरों (उनके लेबल सहित) के साथ एक संपर्क बनता है। जिन कार्डों में काम का फ़ोन नंबर नहीं है, वे छोड़ दिए जाते हैं और आयात के अंत में दिखाए जाते हैं। जो कार्ड उसी नाम के किसी संपर्क से नंबर साझा करता है, वह उसमें मिला दिया जाता है; दूसरे नाम वाला कार्ड अलग संपर्क बनता है। आयात रद्द करने पर कुछ भी सहेजा नहीं जाता।</translation>
    </message>
    <message>
        <source>Columns of the file</source>
        <translation>फ़ाइल के कॉलम</translation>
    </message>
    <message>
        <source>The first row chooses what each column holds; the rows below are the file&apos;s</source>
        <translation>पहली पंक्ति में चुनें कि हर कॉलम में क्या है; नीचे की पंक्तियाँ फ़ाइल की हैं</translation>
    </message>
    <message>
        <source>Use as</source>
        <translation>किस रूप में</translation>
    </message>
    <message>
        <source>&amp;Split cells that hold several numbers (“a ::: b” or “a; b”)</source>
        <translation>कई नंबर वाले सेल बाँटें (“a ::: b” या “a; b”) (&amp;S)</translation>
    </message>
    <message>
        <source>Use of {column}</source>
        <translation>{column} का उपयोग</translation>
    </message>
    <message>
        <source>&amp;Numbers without a country code are in:</source>
        <translation>बिना देश कोड वाले नंबर इस देश के हैं (&amp;N):</translation>
    </message>
    <message>
        <source>Country of numbers without a country code</source>
        <translation>बिना देश कोड वाले नंबरों का देश</translation>
    </message>
    <message>
        <source>A number written without + and a country code (like 905-555-1234) is read as a number of this country; the report lists every such number.</source>
        <translation>बिना + और देश कोड के लिखा नंबर (जैसे 905-555-1234) इस देश का नंबर माना जाता है; रिपोर्ट में ऐसे हर नंबर की सूची होती है।</translation>
    </message>
    <message>
        <source>({count} in the rows shown)</source>
        <translation>(दिखाई गई पंक्तियों में {count})</translation>
    </message>
    <message numerus="yes">
        <source>{count} numbers in the rows shown have no country code: read as numbers of {country}</source>
        <translation>
            <numerusform>दिखाई गई पंक्तियों के {count} नंबरों में देश कोड नहीं है: इन्हें {country} के नंबर माना जाएगा</numerusform>
            <numerusform>दिखाई गई पंक्तियों के {count} नंबरों में देश कोड नहीं है: इन्हें {country} के नंबर माना जाएगा</numerusform>
        </translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>आयात की प्रगति</translation>
    </message>
    <message>
        <source>Skipped rows</source>
        <translation>छोड़ी गई पंक्तियाँ</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>आयात करें (&amp;I)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>रद्द करें</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>शुरू हो रहा है…</translation>
    </message>
    <message>
        <source>Skipped rows, merges and numbers to check, by line ({count}):</source>
        <translation>छोड़ी गई पंक्तियाँ, मिलाए गए संपर्क और जाँचने लायक नंबर, लाइन के अनुसार ({count}):</translation>
    </message>
    <message>
        <source>Skipped cards, merges and numbers to check, by line ({count}):</source>
        <translation>छोड़े गए कार्ड, मिलाए गए संपर्क और जाँचने लायक नंबर, लाइन के अनुसार ({count}):</translation>
    </message>
    <message>
        <source>Line {line}: {reason}</source>
        <translation>लाइन {line}: {reason}</translation>
    </message>
    <message>
        <source>The file was not imported: {reason}
Nothing was saved.</source>
        <translation>फ़ाइल आयात नहीं हुई: {reason}
कुछ भी सहेजा नहीं गया।</translation>
    </message>
    <message>
        <source>The import was cancelled. Nothing was saved.</source>
        <translation>आयात रद्द किया गया। कुछ भी सहेजा नहीं गया।</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>बंद करें</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>रद्द हो रहा है…</translation>
    </message>
    <message>
        <source>Column {n}</source>
        <translation>कॉलम {n}</translation>
    </message>
    <message>
        <source>Labels of “{column}”</source>
        <translation>“{column}” के लेबल</translation>
    </message>
    <message>
        <source>Phone ({label})</source>
        <translation>फ़ोन ({label})</translation>
    </message>
    <message>
        <source>To import, choose a column for the name (Name, First name, Last name or Company) and at least one phone column.</source>
        <translation>आयात के लिए नाम का कॉलम (नाम, पहला नाम, उपनाम या कंपनी) और कम से कम एक फ़ोन कॉलम चुनें।</translation>
    </message>
    <message>
        <source>To import, choose a column for the name (Name, First name, Last name or Company).</source>
        <translation>आयात के लिए नाम का कॉलम (नाम, पहला नाम, उपनाम या कंपनी) चुनें।</translation>
    </message>
    <message>
        <source>To import, choose at least one phone column.</source>
        <translation>आयात के लिए कम से कम एक फ़ोन कॉलम चुनें।</translation>
    </message>
    <message>
        <source>Name from {columns}</source>
        <translation>नाम {columns} से</translation>
    </message>
    <message>
        <source>No name column</source>
        <translation>नाम का कॉलम नहीं</translation>
    </message>
    <message>
        <source>numbers from {columns}</source>
        <translation>नंबर {columns} से</translation>
    </message>
    <message>
        <source>no phone column</source>
        <translation>फ़ोन कॉलम नहीं</translation>
    </message>
</context>
<context>
    <name>ImportFiles</name>
    <message>
        <source>Cannot import {file}: {reason}</source>
        <translation>{file} आयात नहीं हो सकी: {reason}</translation>
    </message>
</context>
<context>
    <name>ListImportDialog</name>
    <message>
        <source>Import a call list</source>
        <translation>कॉल सूची आयात करें</translation>
    </message>
    <message>
        <source>Every row with a phone number becomes an entry; all its other columns are kept and shown with it.</source>
        <translation>फ़ोन नंबर वाली हर पंक्ति एक एंट्री बनती है; उसके बाकी सभी कॉलम रखे जाते हैं और उसके साथ दिखते हैं।</translation>
    </message>
    <message>
        <source>List name</source>
        <translation>सूची का नाम</translation>
    </message>
    <message>
        <source>List &amp;name</source>
        <translation>सूची का नाम (&amp;N)</translation>
    </message>
    <message>
        <source>Name &amp;column</source>
        <translation>नाम का कॉलम (&amp;C)</translation>
    </message>
    <message>
        <source>N&amp;umber column</source>
        <translation>नंबर का कॉलम (&amp;U)</translation>
    </message>
    <message>
        <source>Country of numbers without a country code</source>
        <translation>बिना देश कोड वाले नंबरों का देश</translation>
    </message>
    <message>
        <source>Numbers without a country code are &amp;in</source>
        <translation>बिना देश कोड वाले नंबर इस देश के हैं (&amp;I)</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>आयात की प्रगति</translation>
    </message>
    <message>
        <source>I&amp;mport</source>
        <translation>आयात करें (&amp;M)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>रद्द करें</translation>
    </message>
    <message>
        <source>Name column</source>
        <translation>नाम का कॉलम</translation>
    </message>
    <message>
        <source>Number column</source>
        <translation>नंबर का कॉलम</translation>
    </message>
    <message>
        <source>{columns} (as guessed)</source>
        <translation>{columns} (अनुमान से)</translation>
    </message>
    <message>
        <source>The first valid of {columns}</source>
        <translation>{columns} में से पहला सही नंबर</translation>
    </message>
    <message>
        <source>The first rows of the file</source>
        <translation>फ़ाइल की शुरुआती पंक्तियाँ</translation>
    </message>
    <message>
        <source>The list needs a name.</source>
        <translation>सूची का नाम चाहिए।</translation>
    </message>
    <message>
        <source>Choose the columns with the name and the phone number.</source>
        <translation>नाम और फ़ोन नंबर वाले कॉलम चुनें।</translation>
    </message>
    <message>
        <source>The name and the number cannot be the same column.</source>
        <translation>नाम और नंबर एक ही कॉलम में नहीं हो सकते।</translation>
    </message>
    <message>
        <source>Column {n}</source>
        <translation>कॉलम {n}</translation>
    </message>
</context>
<context>
    <name>ListsFlow</name>
    <message>
        <source>This is the first entry of the list.</source>
        <translation>यह सूची की पहली एंट्री है।</translation>
    </message>
    <message>
        <source>Nothing left to call in {list} for now ({progress}).</source>
        <translation>{list} में अभी कॉल करने को कुछ नहीं बचा ({progress})।</translation>
    </message>
    <message>
        <source>Next call back: {name}, {when}.</source>
        <translation>अगली कॉल बैक: {name}, {when}।</translation>
    </message>
    <message>
        <source>; and {count} more</source>
        <translation>; और {count} अन्य</translation>
    </message>
    <message numerus="yes">
        <source>Skipped {count} entries held back ({which}).</source>
        <translation>
            <numerusform>रोकी गई {count} एंट्री छोड़ी गईं ({which})।</numerusform>
            <numerusform>रोकी गई {count} एंट्री छोड़ी गईं ({which})।</numerusform>
        </translation>
    </message>
    <message>
        <source>Calling {number}…</source>
        <translation>{number} पर कॉल हो रही है…</translation>
    </message>
    <message>
        <source>Call placed. What happened? Press 1–7 (or Alt+1–7).</source>
        <translation>कॉल लग गई। क्या हुआ? 1–7 दबाएँ (या Alt+1–7)।</translation>
    </message>
    <message>
        <source>The call failed: {reason} Enter tries again.</source>
        <translation>कॉल नहीं हुई: {reason} Enter से फिर कोशिश करें।</translation>
    </message>
    <message>
        <source>No call list yet. Import a CSV or vCard file with Import list…</source>
        <translation>अभी कोई कॉल सूची नहीं है। “सूची आयात करें…” से CSV या vCard फ़ाइल आयात करें।</translation>
    </message>
    <message>
        <source>&amp;Lists</source>
        <translation>सूचियाँ (&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Lists {done}/{total}</source>
        <translation>सूचियाँ {done}/{total} (&amp;L)</translation>
    </message>
    <message>
        <source>Call back {name} ({number}) from the list {list}: asked for {when}.</source>
        <translation>सूची {list} से {name} ({number}) को फिर कॉल करें: {when} के लिए कहा गया था।</translation>
    </message>
    <message>
        <source>Call back now</source>
        <translation>अभी फिर कॉल करें</translation>
    </message>
    <message>
        <source>Import a call list</source>
        <translation>कॉल सूची आयात करें</translation>
    </message>
    <message>
        <source>Lists (*.csv *.tsv *.txt *.vcf *.vcard);;All files (*)</source>
        <translation>सूचियाँ (*.csv *.tsv *.txt *.vcf *.vcard);;सभी फ़ाइलें (*)</translation>
    </message>
    <message>
        <source>{list} results.csv</source>
        <translation>{list} नतीजे.csv</translation>
    </message>
    <message>
        <source>Export the list&apos;s results</source>
        <translation>सूची के नतीजे निर्यात करें</translation>
    </message>
    <message>
        <source>CSV for Excel (*.csv)</source>
        <translation>Excel के लिए CSV (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Exported {count} entries of {list} to {path}.</source>
        <translation>
            <numerusform>{list} की {count} एंट्री {path} में निर्यात हुईं।</numerusform>
            <numerusform>{list} की {count} एंट्री {path} में निर्यात हुईं।</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete the list?</source>
        <translation>सूची हटाएँ?</translation>
    </message>
    <message numerus="yes">
        <source>Delete the list {list} with its {count} entries and their outcomes? Export it first to keep the results.</source>
        <translation>
            <numerusform>सूची {list} को उसकी {count} एंट्री और उनके नतीजों सहित हटाएँ? नतीजे रखने के लिए पहले इसे निर्यात करें।</numerusform>
            <numerusform>सूची {list} को उसकी {count} एंट्री और उनके नतीजों सहित हटाएँ? नतीजे रखने के लिए पहले इसे निर्यात करें।</numerusform>
        </translation>
    </message>
    <message>
        <source>The list was deleted.</source>
        <translation>सूची हटा दी गई।</translation>
    </message>
</context>
<context>
    <name>ListsPanel</name>
    <message>
        <source>Enter calls · 1–7 disposition · → skip · ← back · Alt+N note</source>
        <translation>Enter कॉल · 1–7 नतीजा · → छोड़ें · ← पीछे · Alt+N नोट</translation>
    </message>
    <message>
        <source>List progress</source>
        <translation>सूची की प्रगति</translation>
    </message>
    <message>
        <source>No list</source>
        <translation>कोई सूची नहीं</translation>
    </message>
    <message>
        <source>Loading the call lists…</source>
        <translation>कॉल सूचियाँ लोड हो रही हैं…</translation>
    </message>
    <message>
        <source>Call list</source>
        <translation>कॉल सूची</translation>
    </message>
    <message>
        <source>Import list…</source>
        <translation>सूची आयात करें…</translation>
    </message>
    <message>
        <source>&amp;Export results…</source>
        <translation>नतीजे निर्यात करें (&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Delete this list…</source>
        <translation>यह सूची हटाएँ (&amp;D)…</translation>
    </message>
    <message>
        <source>More list actions</source>
        <translation>सूची के और विकल्प</translation>
    </message>
    <message>
        <source>‹ Back</source>
        <translation>‹ पीछे</translation>
    </message>
    <message>
        <source>Previous entry</source>
        <translation>पिछली एंट्री</translation>
    </message>
    <message>
        <source>The previous entry (← or Page Up)</source>
        <translation>पिछली एंट्री (← या Page Up)</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>कॉल करें</translation>
    </message>
    <message>
        <source>Call this entry</source>
        <translation>इस एंट्री को कॉल करें</translation>
    </message>
    <message>
        <source>Call this entry (Enter)</source>
        <translation>इस एंट्री को कॉल करें (Enter)</translation>
    </message>
    <message>
        <source>Skip ›</source>
        <translation>छोड़ें ›</translation>
    </message>
    <message>
        <source>Skip this entry</source>
        <translation>यह एंट्री छोड़ें</translation>
    </message>
    <message>
        <source>Leave this entry for later and show the next (→ or Page Down)</source>
        <translation>इस एंट्री को बाद के लिए छोड़ें और अगली दिखाएँ (→ या Page Down)</translation>
    </message>
    <message>
        <source>{label} (key {key}, or Alt+{key})</source>
        <translation>{label} (कुंजी {key}, या Alt+{key})</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>नोट (&amp;N)</translation>
    </message>
    <message>
        <source>Note about this call</source>
        <translation>इस कॉल के बारे में नोट</translation>
    </message>
    <message>
        <source>What was said (saved with the disposition)</source>
        <translation>क्या बात हुई (नतीजे के साथ सहेजा जाएगा)</translation>
    </message>
    <message>
        <source>Call bac&amp;k at</source>
        <translation>फिर कॉल का समय (&amp;K)</translation>
    </message>
    <message>
        <source>When to call back</source>
        <translation>फिर कब कॉल करें</translation>
    </message>
    <message>
        <source>Set call back</source>
        <translation>कॉल बैक तय करें</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>रद्द करें</translation>
    </message>
    <message>
        <source>Entries of the list</source>
        <translation>सूची की एंट्री</translation>
    </message>
    <message>
        <source>Calling…</source>
        <translation>कॉल हो रही है…</translation>
    </message>
    <message>
        <source>Entry {id} of {total} · {state}</source>
        <translation>एंट्री {id} / {total} · {state}</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(नाम नहीं)</translation>
    </message>
    <message>
        <source>Blocked: {reason}</source>
        <translation>रोका गया: {reason}</translation>
    </message>
    <message>
        <source>Not dialable: {reason}</source>
        <translation>डायल नहीं हो सकता: {reason}</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>नोट: {note}</translation>
    </message>
    <message>
        <source>Past calls:</source>
        <translation>पिछली कॉल:</translation>
    </message>
    <message>
        <source>may have rung (the app stopped before the answer)</source>
        <translation>शायद घंटी बजी (जवाब से पहले ऐप बंद हो गया)</translation>
    </message>
    <message>
        <source>call placed</source>
        <translation>कॉल लगी</translation>
    </message>
    <message>
        <source>no answer from the platform</source>
        <translation>प्लेटफ़ॉर्म से कोई जवाब नहीं</translation>
    </message>
    <message>
        <source>failed: {reason}</source>
        <translation>नहीं हुई: {reason}</translation>
    </message>
    <message>
        <source>(request id {id})</source>
        <translation>(Request ID {id})</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Dialer</source>
        <translation>Dialer</translation>
    </message>
    <message>
        <source>Caller &amp;id</source>
        <translation>कॉलर ID (&amp;I)</translation>
    </message>
    <message>
        <source>Caller id</source>
        <translation>कॉलर ID</translation>
    </message>
    <message>
        <source>The number the customer sees for this call</source>
        <translation>इस कॉल में ग्राहक को दिखने वाला नंबर</translation>
    </message>
    <message>
        <source>Number preview</source>
        <translation>नंबर की झलक</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>फ़ाइल (&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>सेटिंग्स (&amp;S)…</translation>
    </message>
    <message>
        <source>Set up &amp;account…</source>
        <translation>खाता सेट करें (&amp;A)…</translation>
    </message>
    <message>
        <source>Enter a TeleCMI user id and app secret</source>
        <translation>TeleCMI यूज़र ID और ऐप सीक्रेट दर्ज करें</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>बंद करें (&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>मदद (&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Copy diagnostics</source>
        <translation>जाँच की जानकारी कॉपी करें (&amp;C)</translation>
    </message>
    <message>
        <source>Copy versions, settings summary and recent log lines for support (never the secret)</source>
        <translation>सहायता के लिए वर्ज़न, सेटिंग्स का सार और हाल की लॉग लाइनें कॉपी करें (सीक्रेट कभी नहीं)</translation>
    </message>
    <message>
        <source>&amp;About Dialer</source>
        <translation>Dialer के बारे में (&amp;A)</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>कॉल करें</translation>
    </message>
    <message>
        <source>Call the number (Enter)</source>
        <translation>नंबर पर कॉल करें (Enter)</translation>
    </message>
    <message>
        <source>Delete last digit (hold to clear)</source>
        <translation>आखिरी अंक मिटाएँ (सब मिटाने के लिए दबाए रखें)</translation>
    </message>
    <message>
        <source>Delete the last digit; hold to clear</source>
        <translation>आखिरी अंक मिटाएँ; सब मिटाने के लिए दबाए रखें</translation>
    </message>
    <message>
        <source>Account default</source>
        <translation>खाते का डिफ़ॉल्ट</translation>
    </message>
    <message>
        <source>Sandbox (no real calls)</source>
        <translation>सैंडबॉक्स (असली कॉल नहीं)</translation>
    </message>
    <message>
        <source>Calling…</source>
        <translation>कॉल हो रही है…</translation>
    </message>
    <message>
        <source>Calling {number}…</source>
        <translation>{number} पर कॉल हो रही है…</translation>
    </message>
    <message>
        <source>Call initiated — your mobile will ring first, then {number}.</source>
        <translation>कॉल शुरू हुई — पहले आपका मोबाइल बजेगा, फिर {number}।</translation>
    </message>
    <message>
        <source>Call initiated — your softphone will ring first, then {number}.</source>
        <translation>कॉल शुरू हुई — पहले आपका सॉफ़्टफ़ोन बजेगा, फिर {number}।</translation>
    </message>
    <message>
        <source>The platform sent no usable request id for this call.</source>
        <translation>प्लेटफ़ॉर्म ने इस कॉल के लिए काम की Request ID नहीं भेजी।</translation>
    </message>
    <message>
        <source>Call to {number} failed. {reason}</source>
        <translation>{number} पर कॉल नहीं हुई। {reason}</translation>
    </message>
    <message>
        <source>Contacts, history and call lists</source>
        <translation>संपर्क, इतिहास और कॉल सूचियाँ</translation>
    </message>
</context>
<context>
    <name>ModeSwitch</name>
    <message>
        <source>Soft&amp;phone</source>
        <translation>सॉफ़्टफ़ोन (&amp;P)</translation>
    </message>
    <message>
        <source>Softphone mode</source>
        <translation>सॉफ़्टफ़ोन मोड</translation>
    </message>
    <message>
        <source>Softphone (webrtc): the platform rings the softphone on this computer first; when you answer, it calls the customer.</source>
        <translation>सॉफ़्टफ़ोन (webrtc): प्लेटफ़ॉर्म पहले इस कंप्यूटर का सॉफ़्टफ़ोन बजाता है; आपके जवाब देने पर ग्राहक को कॉल करता है।</translation>
    </message>
    <message>
        <source>Mobile (follow-me) mode</source>
        <translation>मोबाइल (फ़ॉलो-मी) मोड</translation>
    </message>
    <message>
        <source>&amp;Mobile</source>
        <translation>मोबाइल (&amp;M)</translation>
    </message>
    <message>
        <source>Mobile (follow-me): the platform rings your mobile phone first; when you answer, it calls the customer.</source>
        <translation>मोबाइल (फ़ॉलो-मी): प्लेटफ़ॉर्म पहले आपका मोबाइल फ़ोन बजाता है; आपके जवाब देने पर ग्राहक को कॉल करता है।</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <source>Notice</source>
        <translation>सूचना</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>पहले जैसा करें (&amp;U)</translation>
    </message>
    <message>
        <source>Dismiss the notice</source>
        <translation>सूचना हटाएँ</translation>
    </message>
</context>
<context>
    <name>NumberInput</name>
    <message>
        <source>Number to call</source>
        <translation>कॉल करने का नंबर</translation>
    </message>
    <message>
        <source>Down moves to the matching contacts; Enter calls the number</source>
        <translation>Down से मिलते संपर्कों पर जाएँ; Enter नंबर पर कॉल करता है</translation>
    </message>
    <message>
        <source>Type or paste a number</source>
        <translation>नंबर लिखें या पेस्ट करें</translation>
    </message>
</context>
<context>
    <name>NumberRow</name>
    <message>
        <source>Mobile</source>
        <translation>मोबाइल</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>ऑफ़िस</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>घर</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>मुख्य</translation>
    </message>
    <message>
        <source>Fax</source>
        <translation>फ़ैक्स</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>अन्य</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>फ़ोन नंबर</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>लेबल</translation>
    </message>
    <message>
        <source>Remove this number</source>
        <translation>यह नंबर हटाएँ</translation>
    </message>
    <message>
        <source>Remove number</source>
        <translation>नंबर हटाएँ</translation>
    </message>
    <message>
        <source>Phone number {n}</source>
        <translation>फ़ोन नंबर {n}</translation>
    </message>
    <message>
        <source>Label of number {n}</source>
        <translation>नंबर {n} का लेबल</translation>
    </message>
    <message>
        <source>Remove number {n}</source>
        <translation>नंबर {n} हटाएँ</translation>
    </message>
</context>
<context>
    <name>OutcomePanel</name>
    <message>
        <source>Call status</source>
        <translation>कॉल की स्थिति</translation>
    </message>
    <message>
        <source>Copy the request id</source>
        <translation>Request ID कॉपी करें</translation>
    </message>
    <message>
        <source>Call &amp;again</source>
        <translation>फिर कॉल करें (&amp;A)</translation>
    </message>
    <message>
        <source>Call this number once more, on purpose</source>
        <translation>जान-बूझकर इस नंबर पर एक बार और कॉल करें</translation>
    </message>
    <message>
        <source>Dismiss the call status</source>
        <translation>कॉल की स्थिति हटाएँ</translation>
    </message>
    <message>
        <source>Copy the request id {id}</source>
        <translation>Request ID {id} कॉपी करें</translation>
    </message>
</context>
<context>
    <name>RequestIdField</name>
    <message>
        <source>Request ID</source>
        <translation>Request ID</translation>
    </message>
    <message>
        <source>Request ID: {id}</source>
        <translation>Request ID: {id}</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore from backup</source>
        <translation>बैकअप से वापस लाएँ</translation>
    </message>
    <message>
        <source>A backup is made after every import, before a bulk delete and once a day; the last seven are kept. Restoring replaces the contacts and the call history with the backup&apos;s. The ones you have now are backed up first, so this can be undone.</source>
        <translation>हर आयात के बाद, एक साथ कई संपर्क हटाने से पहले और दिन में एक बार बैकअप बनता है; आखिरी सात रखे जाते हैं। वापस लाने पर संपर्क और कॉल इतिहास बैकअप वाले से बदल जाते हैं। अभी वाले पहले बैकअप में रखे जाते हैं, इसलिए इसे पलटा जा सकता है।</translation>
    </message>
    <message>
        <source>There are no backups yet. One is made after every import, before a bulk delete and once a day.</source>
        <translation>अभी कोई बैकअप नहीं है। हर आयात के बाद, एक साथ कई संपर्क हटाने से पहले और दिन में एक बार बैकअप बनता है।</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>बैकअप</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>वापस लाएँ (&amp;R)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>बंद करें</translation>
    </message>
</context>
</TS>
