package io.hf4j.spaces;

import io.hf4j.core.internal.RetrySafe;
import io.hf4j.spaces.internal.Wire;
import java.util.List;
import java.util.Map;
import okhttp3.ResponseBody;
import retrofit2.http.Body;
import retrofit2.http.GET;
import retrofit2.http.HTTP;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Query;

/** The Spaces endpoints ({@code id} is {@code namespace/name}, validated, used verbatim). */
interface SpacesService {
  @GET("api/spaces/{id}/runtime")
  ResponseBody runtime(@Path(value = "id", encoded = true) String id);

  @GET("api/spaces/hardware")
  List<Map<String, Object>> hardware();

  @GET("api/whoami-v2")
  Map<String, Object> whoami();

  @GET("api/spaces/{id}/secrets")
  Map<String, Map<String, Object>> secrets(@Path(value = "id", encoded = true) String id);

  @RetrySafe
  @POST("api/spaces/{id}/secrets")
  Void addSecret(@Path(value = "id", encoded = true) String id, @Body Wire.KeyValue body);

  @HTTP(method = "DELETE", path = "api/spaces/{id}/secrets", hasBody = true)
  Void deleteSecret(@Path(value = "id", encoded = true) String id, @Body Wire.Key body);

  @GET("api/spaces/{id}/variables")
  Map<String, Map<String, Object>> variables(@Path(value = "id", encoded = true) String id);

  @RetrySafe
  @POST("api/spaces/{id}/variables")
  Map<String, Map<String, Object>> addVariable(@Path(value = "id", encoded = true) String id, @Body Wire.KeyValue body);

  @HTTP(method = "DELETE", path = "api/spaces/{id}/variables", hasBody = true)
  Map<String, Map<String, Object>> deleteVariable(@Path(value = "id", encoded = true) String id, @Body Wire.Key body);

  @RetrySafe
  @POST("api/spaces/{id}/hardware")
  ResponseBody requestHardware(@Path(value = "id", encoded = true) String id, @Body Wire.Hardware body);

  @RetrySafe
  @POST("api/spaces/{id}/sleeptime")
  ResponseBody sleepTime(@Path(value = "id", encoded = true) String id, @Body Wire.SleepTime body);

  @RetrySafe
  @POST("api/spaces/{id}/pause")
  ResponseBody pause(@Path(value = "id", encoded = true) String id);

  @POST("api/spaces/{id}/restart")
  ResponseBody restart(@Path(value = "id", encoded = true) String id, @Query("factory") Boolean factory);

  @RetrySafe
  @POST("api/spaces/{id}/duplicate")
  Map<String, Object> duplicate(@Path(value = "id", encoded = true) String id, @Body Map<String, Object> body);

  @RetrySafe
  @POST("api/spaces/{id}/dev-mode")
  ResponseBody devMode(@Path(value = "id", encoded = true) String id, @Body Map<String, Object> body);
}
